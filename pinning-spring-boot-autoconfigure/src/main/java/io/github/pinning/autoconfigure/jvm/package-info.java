/**
 * The pinned JVM-wide default trust, installed with {@code pinning.jvm-default}.
 */
@NullMarked
package io.github.pinning.autoconfigure.jvm;

import org.jspecify.annotations.NullMarked;
