package io.github.pinning;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * A trust manager that runs its delegate's checks unchanged (PKIX validation and endpoint
 * identification) and then checks the pins of the host the client connected to against the
 * validated chain.
 * <p>
 * The host is the one the {@link SSLEngine} or the socket's handshake session was created for,
 * never a name from the certificate. The two-argument
 * {@link #checkServerTrusted(X509Certificate[], String)} knows no host, so it refuses every
 * chain while any pin set is enforced.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager delegate;

	private final PinChecker checker;

	/**
	 * Creates a trust manager that pins on top of a delegate.
	 * @param delegate the trust manager whose decisions pinning adds to; a plain
	 * {@link X509TrustManager} is adapted so that endpoint identification still runs
	 * @param policy which host has which pins
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 */
	public PinningTrustManager(X509TrustManager delegate, PinningPolicy policy, PinningListener listener, Clock clock) {
		this(delegate, LivePinningPolicy.of(policy), listener, clock);
	}

	/**
	 * Wraps a trust manager under a policy that may be replaced while running: each handshake
	 * is judged by the policy in force when its pins are checked.
	 * @param delegate the trust manager that validates chains (PKIX)
	 * @param policy which host has which pins, now
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 */
	public PinningTrustManager(X509TrustManager delegate, LivePinningPolicy policy, PinningListener listener,
			Clock clock) {
		this(delegate, policy, listener, clock, null);
	}

	/**
	 * Wraps a trust manager that was built from PKIX parameters (a {@code TrustManagerFactory}
	 * initialised with {@code CertPathTrustManagerParameters}): the paths that pins are matched
	 * on are validated under the same parameters (revocation checking and its certificate stores,
	 * policies, a fixed date), so that a pin never counts on a path the delegate would refuse,
	 * such as one through a revoked intermediate.
	 * @param delegate the trust manager built from the parameters
	 * @param delegateParameters the parameters it was built from
	 * @param policy which host has which pins, now
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 */
	public PinningTrustManager(X509TrustManager delegate, PKIXParameters delegateParameters, LivePinningPolicy policy,
			PinningListener listener, Clock clock) {
		this(delegate, policy, listener, clock, delegateParameters);
	}

	private PinningTrustManager(X509TrustManager delegate, LivePinningPolicy policy, PinningListener listener,
			Clock clock, @Nullable PKIXParameters delegateParameters) {
		this.delegate = (delegate instanceof X509ExtendedTrustManager extended) ? extended
				: new EndpointIdentifyingTrustManager(delegate);
		this.checker = new PinChecker(policy, listener, clock, delegate.getAcceptedIssuers(), delegateParameters);
	}

	/**
	 * Returns the given trust managers with every {@link X509TrustManager} wrapped in a
	 * {@code PinningTrustManager}; others are kept as they are.
	 * @param managers the trust managers, as a {@code TrustManagerFactory} returns them
	 * @param policy which host has which pins
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 * @return new array of the wrapped trust managers
	 */
	public static TrustManager[] wrap(TrustManager[] managers, PinningPolicy policy, PinningListener listener,
			Clock clock) {
		return wrap(managers, LivePinningPolicy.of(policy), listener, clock);
	}

	/**
	 * Returns the given trust managers with every {@link X509TrustManager} wrapped in a
	 * {@code PinningTrustManager} under a policy that may be replaced while running.
	 * @param managers the trust managers, as a {@code TrustManagerFactory} returns them
	 * @param policy which host has which pins, now
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 * @return new array of the wrapped trust managers
	 */
	public static TrustManager[] wrap(TrustManager[] managers, LivePinningPolicy policy, PinningListener listener,
			Clock clock) {
		TrustManager[] wrapped = new TrustManager[managers.length];
		for (int i = 0; i < managers.length; i++) {
			wrapped[i] = (managers[i] instanceof X509TrustManager x509 && !(managers[i] instanceof PinningTrustManager))
					? new PinningTrustManager(x509, policy, listener, clock) : managers[i];
		}
		return wrapped;
	}

	/**
	 * Returns the policy this trust manager checks.
	 * @return the policy
	 */
	public PinningPolicy getPolicy() {
		return this.checker.getPolicy();
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType, socket);
		SSLSession session = (socket instanceof SSLSocket sslSocket) ? sslSocket.getHandshakeSession() : null;
		if (session != null) {
			checkAndStamp(chain, session.getPeerHost(), session.getPeerPort(), session, socket);
		}
		else {
			this.checker.check(chain, null, -1);
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType, engine);
		if (engine != null) {
			checkAndStamp(chain, engine.getPeerHost(), engine.getPeerPort(), engine.getHandshakeSession(), engine);
		}
		else {
			this.checker.check(chain, null, -1);
		}
	}

	/**
	 * Checks the pins of a handshake's host and server names, and records in its session what
	 * they were checked for and what was found. Where the connection's completed handshake is
	 * checked (a {@link PinningSslContext}'s), the listeners are told, and an enforced refusal
	 * made, only then, once the server has proven that it holds the leaf's key: a chain replayed
	 * without its key fails the handshake's own signature check, and is no violation. Elsewhere
	 * they are told now, and a violation says that the server had not proven its key.
	 * @param connection the engine or socket, looked up among those checked at completion only
	 * where there is a handshake to wait for
	 */
	private void checkAndStamp(X509Certificate[] chain, @Nullable String host, int port, @Nullable SSLSession handshake,
			Object connection) throws CertificatePinningException {
		List<SNIServerName> serverNames = CheckedSession.requestedServerNames(handshake);
		if (handshake != null && CompletionCheckedConnections.contains(connection)) {
			PinJudgement judgement = this.checker.judge(chain, host, port, serverNames);
			CheckedSession.stamp(handshake,
					new CheckedSession(this.checker, judgement.policy(), host, serverNames, judgement));
			return;
		}
		PinningPolicy policy = this.checker.check(chain, host, port, serverNames);
		if (handshake != null) {
			CheckedSession.stamp(handshake, new CheckedSession(this.checker, policy, host, serverNames, null));
		}
	}

	/**
	 * Returns whether a session may be used for a host as far as pins go: whether this trust
	 * manager checked its chain for that host (and the server names of its handshake) under the
	 * policy now in force, or, if not, whether it passes that check now. A session is not
	 * checked for another host by its handshake: it was resumed, made before a change of pins,
	 * or is offered for a host other than its own.
	 * @param host the host the client is about to use the session for
	 * @param session the session, after its handshake
	 * @return {@code false} if an enforced pin set refuses its chain for the host
	 */
	public boolean isPinnedFor(String host, SSLSession session) {
		try {
			checkSession(host, CheckedSession.requestedServerNames(session), session);
			return true;
		}
		catch (CertificatePinningException ex) {
			return false;
		}
	}

	/**
	 * Checks the pins of a host and server names against the chain of a session that the
	 * client is about to use for them, unless this trust manager checked them for exactly those
	 * under the policy now in force; records what it checked in the session.
	 * @param host the connection's host, or {@code null} if the client named none
	 * @param serverNames the server names the client asks for
	 * @param session the session
	 * @throws CertificatePinningException if an enforced pin set refuses the session
	 */
	void checkSession(@Nullable String host, List<SNIServerName> serverNames, SSLSession session)
			throws CertificatePinningException {
		CheckedSession.check(this.checker, host, serverNames, session);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
		this.checker.check(chain, null, -1);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType, socket);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType, engine);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

}
