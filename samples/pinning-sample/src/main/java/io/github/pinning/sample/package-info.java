/**
 * A runnable demonstration of certificate pinning in a Spring Boot application.
 */
@NullMarked
package io.github.pinning.sample;

import org.jspecify.annotations.NullMarked;
