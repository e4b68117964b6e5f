/**
 * The pinning Actuator endpoint.
 */
@NullMarked
package io.github.pinning.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
