/**
 * MongoDB's client over TLS without an SSL bundle, named by the start-up warning.
 */
@NullMarked
package io.github.pinning.autoconfigure.mongodb;

import org.jspecify.annotations.NullMarked;
