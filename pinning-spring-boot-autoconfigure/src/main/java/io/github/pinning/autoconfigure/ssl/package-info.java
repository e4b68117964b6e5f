/**
 * SSL bundles whose trust managers check pins.
 */
@NullMarked
package io.github.pinning.autoconfigure.ssl;

import org.jspecify.annotations.NullMarked;
