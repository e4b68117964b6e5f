/**
 * What the starter logs: the pin sets at start-up, what applies them, violations, expiry and the lockout forecast.
 */
@NullMarked
package io.github.pinning.autoconfigure.log;

import org.jspecify.annotations.NullMarked;
