/**
 * Pinning of the HTTP clients that Spring Boot builds: its request factory and connector
 * builders are wrapped so that every client they build checks pins.
 */
@NullMarked
package io.github.pinning.autoconfigure.http;

import org.jspecify.annotations.NullMarked;
