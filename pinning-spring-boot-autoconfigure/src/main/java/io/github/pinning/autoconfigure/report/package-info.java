/**
 * Violation reports sent to pinning.report.uri.
 */
@NullMarked
package io.github.pinning.autoconfigure.report;

import org.jspecify.annotations.NullMarked;
