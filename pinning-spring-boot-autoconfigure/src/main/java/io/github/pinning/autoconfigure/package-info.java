/**
 * Spring Boot auto-configuration of certificate pinning: {@code pinning.*} properties, the
 * policy they describe, and the failure analysis of bad configuration.
 */
@NullMarked
package io.github.pinning.autoconfigure;

import org.jspecify.annotations.NullMarked;
