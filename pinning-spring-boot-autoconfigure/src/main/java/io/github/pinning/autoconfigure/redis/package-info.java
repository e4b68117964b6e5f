/**
 * Spring Data Redis over Lettuce, over TLS without an SSL bundle.
 */
@NullMarked
package io.github.pinning.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
