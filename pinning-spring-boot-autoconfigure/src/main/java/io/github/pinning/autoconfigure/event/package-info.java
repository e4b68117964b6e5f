/**
 * Violation events published to the application context.
 */
@NullMarked
package io.github.pinning.autoconfigure.event;

import org.jspecify.annotations.NullMarked;
