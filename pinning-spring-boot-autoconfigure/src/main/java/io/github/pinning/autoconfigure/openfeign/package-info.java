/**
 * Spring Cloud OpenFeign: its default client, Apache HttpClient 5 and {@code http2client}.
 */
@NullMarked
package io.github.pinning.autoconfigure.openfeign;

import org.jspecify.annotations.NullMarked;
