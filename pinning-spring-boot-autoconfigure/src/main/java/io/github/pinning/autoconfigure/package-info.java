/**
 * Spring Boot auto-configuration of certificate pinning: the policy in force and what every
 * other auto-configuration of the starter orders itself after.
 */
@NullMarked
package io.github.pinning.autoconfigure;

import org.jspecify.annotations.NullMarked;
