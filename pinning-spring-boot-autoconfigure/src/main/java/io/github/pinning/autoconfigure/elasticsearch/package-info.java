/**
 * Elasticsearch's REST client, over HTTPS without an SSL bundle.
 */
@NullMarked
package io.github.pinning.autoconfigure.elasticsearch;

import org.jspecify.annotations.NullMarked;
