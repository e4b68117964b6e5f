/**
 * The pinning health indicator.
 */
@NullMarked
package io.github.pinning.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
