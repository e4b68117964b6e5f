/**
 * The {@code pinning.*} properties, their reading into a policy, and the failure analysis of bad configuration.
 */
@NullMarked
package io.github.pinning.autoconfigure.config;

import org.jspecify.annotations.NullMarked;
