/**
 * The MongoDB driver over TLS without an SSL bundle.
 */
@NullMarked
package io.github.pinning.autoconfigure.mongodb;

import org.jspecify.annotations.NullMarked;
