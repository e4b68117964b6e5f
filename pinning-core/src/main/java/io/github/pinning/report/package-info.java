/**
 * HPKP-style (RFC 7469 section 3) violation reports, sent asynchronously and rate-limited.
 */
@NullMarked
package io.github.pinning.report;

import org.jspecify.annotations.NullMarked;
