/**
 * Micrometer metrics of pinning.
 */
@NullMarked
package io.github.pinning.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
