/**
 * A runnable demonstration of certificate pinning in a Spring Boot application.
 */
package io.github.pinning.sample;
