/**
 * Spring Integration's HTTP outbound gateways and adapters, pinned through their
 * {@code RestTemplate}.
 */
@NullMarked
package io.github.pinning.autoconfigure.integration;

import org.jspecify.annotations.NullMarked;
