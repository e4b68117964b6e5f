/**
 * Pin changes from a Spring Cloud refresh.
 */
@NullMarked
package io.github.pinning.autoconfigure.refresh;

import org.jspecify.annotations.NullMarked;
