package io.github.pinning.integration;

import java.io.IOException;
import java.util.function.Function;

import io.github.pinning.test.Backends;
import io.github.pinning.test.Eventually;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TlsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check the tests of clients that speak a protocol other than HTTP share: against servers
 * that only complete TLS handshakes (a protocol error after the genuine handshake is expected),
 * the genuine handshake completes and the impostor's is refused by pinning.
 */
public final class HandshakeOnlyServers {

	private HandshakeOnlyServers() {
	}

	/**
	 * Uses a client against a genuine server and an impostor of the backends' PKI, both of this
	 * case's own, so that no client of another case, still closing, reaches them.
	 * @param backends the PKI and the JVM trust the servers come from
	 * @param use uses the client against a server, returning what it threw, or {@code null}
	 * @throws IOException if a server cannot be started
	 */
	public static void assertTheGenuineHandshakeCompletesAndTheImpostorsIsRefused(Backends backends,
			Function<TlsServer, Throwable> use) throws IOException {
		try (TlsServer genuine = TlsServer.start(backends.pki().genuineServer(), "genuine");
				TlsServer impostor = TlsServer.start(backends.pki().rogueServer(), "impostor")) {
			Throwable genuineFailure = use.apply(genuine);
			assertThat(Failures.isPinningFailure(genuineFailure)).as("%s", genuineFailure).isFalse();
			// The server counts a handshake once its side returns, which may follow the client's failure.
			Eventually.until("a handshake the genuine server completed (" + genuineFailure + ")",
					() -> genuine.handshakes() > 0);
			Throwable impostorFailure = use.apply(impostor);
			assertThat(Failures.isPinningFailure(impostorFailure)).as("refused by pinning: %s", impostorFailure)
				.isTrue();
			// The impostor may complete its handshake (it holds its key), but receives nothing.
			assertThat(impostor.connectionsWithData()).isZero();
		}
	}

}
