/**
 * Spring gRPC's client channels over TLS without an SSL bundle.
 */
@NullMarked
package io.github.pinning.autoconfigure.grpc;

import org.jspecify.annotations.NullMarked;
