/**
 * Kafka's clients over TLS without an SSL bundle, named by the start-up warning.
 */
@NullMarked
package io.github.pinning.autoconfigure.kafka;

import org.jspecify.annotations.NullMarked;
