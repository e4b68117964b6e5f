/**
 * RabbitMQ's Java client, over TLS without an SSL bundle.
 */
@NullMarked
package io.github.pinning.autoconfigure.amqp;

import org.jspecify.annotations.NullMarked;
