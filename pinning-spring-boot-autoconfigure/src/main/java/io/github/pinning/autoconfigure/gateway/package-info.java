/**
 * Spring Cloud Gateway (WebFlux): the Reactor Netty client of its routes.
 */
@NullMarked
package io.github.pinning.autoconfigure.gateway;

import org.jspecify.annotations.NullMarked;
