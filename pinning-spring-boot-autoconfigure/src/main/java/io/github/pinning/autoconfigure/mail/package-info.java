/**
 * Jakarta Mail through Spring's {@code JavaMailSenderImpl}: TLS with and without an SSL
 * bundle, and never the unpinned fallback.
 */
@NullMarked
package io.github.pinning.autoconfigure.mail;

import org.jspecify.annotations.NullMarked;
