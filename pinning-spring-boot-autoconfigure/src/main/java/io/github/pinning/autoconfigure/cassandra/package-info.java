/**
 * The Cassandra driver, over TLS without an SSL bundle.
 */
@NullMarked
package io.github.pinning.autoconfigure.cassandra;

import org.jspecify.annotations.NullMarked;
