/**
 * The pin tool: prints the pins of a server's chain or of PEM files, and a ready pin set.
 */
@NullMarked
package io.github.pinning.tool;

import org.jspecify.annotations.NullMarked;
