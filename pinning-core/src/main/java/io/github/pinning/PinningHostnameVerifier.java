package io.github.pinning;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;

/**
 * A hostname verifier that, once its delegate has verified the name, checks the pins of the
 * host a connection is about to be used for against the chain of its session, unless the
 * {@link PinningTrustManager} already checked them for that host under the policy now in force.
 * <p>
 * A trust manager sees only the handshakes it takes part in. A client that asks a hostname
 * verifier before it uses a connection (OkHttp, Apache HttpClient, {@code HttpsURLConnection})
 * reaches, through this one, what the trust manager does not see:
 * <ul>
 * <li>a resumed session, whose handshake checks no certificate, made before a change of pins
 * (including a TLS 1.3 ticket that arrived after the change);</li>
 * <li>a connection made for one host and offered for another (HTTP/2 connection coalescing:
 * OkHttp coalesces only under its own default verifier, so with this one it opens a connection
 * of the host's own, whose handshake the trust manager checks).</li>
 * </ul>
 * An enforced violation makes the verifier answer {@code false}, so that the client refuses the
 * connection; the violation is counted and told like any other.
 */
public final class PinningHostnameVerifier implements HostnameVerifier {

	private final HostnameVerifier delegate;

	private final PinningTrustManager trustManager;

	/**
	 * Creates a verifier that checks names with a delegate and pins with a trust manager.
	 * @param delegate the client's own hostname verifier, for example OkHttp's default
	 * ({@code new OkHttpClient().hostnameVerifier()})
	 * @param trustManager the pinning trust manager of the client's SSL context
	 */
	public PinningHostnameVerifier(HostnameVerifier delegate, PinningTrustManager trustManager) {
		this.delegate = delegate;
		this.trustManager = trustManager;
	}

	@Override
	public boolean verify(String host, SSLSession session) {
		return this.delegate.verify(host, session) && this.trustManager.isPinnedFor(host, session);
	}

}
