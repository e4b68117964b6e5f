/**
 * Pin changes while running: the reloader, watched certificates files and Spring Cloud refresh.
 */
@NullMarked
package io.github.pinning.autoconfigure.live;

import org.jspecify.annotations.NullMarked;
