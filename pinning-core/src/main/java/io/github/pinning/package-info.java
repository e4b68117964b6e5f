/**
 * Certificate pinning for any JVM TLS client, without Spring: pins, host patterns, pin sets,
 * the policy that maps a host to its pin set, and the pin-validating trust manager.
 */
@NullMarked
package io.github.pinning;

import org.jspecify.annotations.NullMarked;
