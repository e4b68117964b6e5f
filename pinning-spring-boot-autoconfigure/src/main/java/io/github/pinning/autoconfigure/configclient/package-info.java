/**
 * Spring Cloud Config client: the request that imports remote configuration
 * ({@code spring.config.import=configserver:}) goes through the pins of the local
 * configuration.
 */
@NullMarked
package io.github.pinning.autoconfigure.configclient;

import org.jspecify.annotations.NullMarked;
