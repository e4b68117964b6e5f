package io.github.pinning;

import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

import org.jspecify.annotations.Nullable;

/**
 * The pin step of a handshake: finds the pin set of the host the client connected to, builds
 * the validated chain, matches it, tells the listener, and refuses an enforced violation. It
 * runs after PKIX validation and never replaces it. The same host and chain again cost map
 * look-ups only: host resolution, validated chains and path verdicts are cached in bounded
 * memory.
 */
public final class PinChecker {

	private final LivePinningPolicy policy;

	private final ListenerFindings listener;

	private final Clock clock;

	private final ChainCleaner cleaner;

	/**
	 * Creates the pin step for one set of trust anchors.
	 * @param policy which host has which pins
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire and stamps violations
	 * @param trustAnchors the anchors the validated chain may end at
	 */
	public PinChecker(PinningPolicy policy, PinningListener listener, Clock clock, X509Certificate[] trustAnchors) {
		this(LivePinningPolicy.of(policy), listener, clock, trustAnchors);
	}

	/**
	 * Creates the pin step for one set of trust anchors, under a policy that may be replaced
	 * while running; each check reads it once.
	 * @param policy which host has which pins, now
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire and stamps violations
	 * @param trustAnchors the anchors the validated chain may end at
	 */
	public PinChecker(LivePinningPolicy policy, PinningListener listener, Clock clock, X509Certificate[] trustAnchors) {
		this(policy, listener, clock, trustAnchors, null);
	}

	/**
	 * Creates the pin step for one set of trust anchors whose paths are judged under the PKIX
	 * parameters the delegate trust manager was built from.
	 * @param policy which host has which pins, now
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire and stamps violations
	 * @param trustAnchors the anchors the validated chain may end at
	 * @param delegateParameters the delegate's PKIX parameters (revocation checking, policies,
	 * date), or {@code null} for the JDK's default trust manager's rules
	 */
	public PinChecker(LivePinningPolicy policy, PinningListener listener, Clock clock, X509Certificate[] trustAnchors,
			@Nullable PKIXParameters delegateParameters) {
		this.policy = policy;
		this.listener = new ListenerFindings(listener);
		this.clock = clock;
		this.cleaner = new ChainCleaner(trustAnchors, Clock.systemUTC(), delegateParameters);
	}

	/**
	 * Returns the policy whose pins are checked now.
	 * @return the policy
	 */
	public PinningPolicy getPolicy() {
		return this.policy.get();
	}

	/**
	 * Checks the pins of a chain that PKIX has already accepted.
	 * @param chain the chain as the server sent it, leaf first
	 * @param host the host the client connected to, or {@code null} if unknown
	 * @param port the port the client connected to, or {@code -1} if unknown
	 * @throws CertificatePinningException if an enforced pin set is violated, or the host is
	 * unknown while any pin set is enforced
	 */
	public void check(X509Certificate[] chain, @Nullable String host, int port) throws CertificatePinningException {
		check(chain, host, port, List.of());
	}

	/**
	 * Checks the pins of a chain that PKIX has already accepted, for the host the client
	 * connected to and for each host name it asked the server for (SNI), against which the JDK
	 * verifies the certificate when the client names one: where both are pinned, both must
	 * match. A name whose pin set is the host's is checked once.
	 * @param chain the chain as the server sent it, leaf first
	 * @param host the host the client connected to, or {@code null} if unknown
	 * @param port the port the client connected to, or {@code -1} if unknown
	 * @param serverNames the server names the client requested, as its handshake session
	 * tells them; names other than host names are ignored
	 * @return the policy the chain was judged under
	 * @throws CertificatePinningException if an enforced pin set is violated, or neither a host
	 * nor a server name is known while any pin set is enforced
	 */
	public PinningPolicy check(X509Certificate[] chain, @Nullable String host, int port,
			List<SNIServerName> serverNames) throws CertificatePinningException {
		PinningPolicy policy = this.policy.get();
		judge(policy, chain, host, port, serverNames, this.listener);
		return policy;
	}

	/**
	 * Judges a chain that PKIX has already accepted as {@link #check} does, without telling
	 * anyone yet: the listener is told when the judgement is.
	 * @param chain the chain as the server sent it, leaf first
	 * @param host the host the client connected to, or {@code null} if unknown
	 * @param port the port the client connected to, or {@code -1} if unknown
	 * @param serverNames the server names the client requested
	 * @return the judgement, not yet told
	 * @throws CertificatePinningException if neither a host nor a server name is known while any
	 * pin set is enforced
	 */
	PinJudgement judge(X509Certificate[] chain, @Nullable String host, int port, List<SNIServerName> serverNames)
			throws CertificatePinningException {
		PinningPolicy policy = this.policy.get();
		PinJudgement judgement = new PinJudgement(policy, this.listener);
		judge(policy, chain, host, port, serverNames, judgement);
		return judgement;
	}

	private void judge(PinningPolicy policy, X509Certificate[] chain, @Nullable String host, int port,
			List<SNIServerName> serverNames, PinFindings findings) throws CertificatePinningException {
		if (policy.isEmpty()) {
			return;
		}
		PinSet checked = null;
		if (host != null) {
			checked = policy.pinSetFor(host);
			judge(chain, checked, host, port, findings);
		}
		boolean named = false;
		for (SNIServerName serverName : serverNames) {
			String name = hostName(serverName);
			if (name != null) {
				named = true;
				PinSet pinSet = name.equalsIgnoreCase(host) ? checked : policy.pinSetFor(name);
				if (pinSet != checked && !findings.refuses()) {
					judge(chain, pinSet, name, port, findings);
				}
			}
		}
		if (host == null && !named && policy.isEnforcing()) {
			throw new CertificatePinningException("Certificate pinning failure: no peer host was available, so the"
					+ " pins cannot be checked. Pinned connections need an SSLEngine or SSLSocket that knows the"
					+ " host it connects to.");
		}
	}

	/**
	 * Returns the host name of a server name, or {@code null} if it is of another type or not
	 * a valid host name.
	 */
	static @Nullable String hostName(SNIServerName serverName) {
		if (serverName.getType() != StandardConstants.SNI_HOST_NAME) {
			return null;
		}
		try {
			return ((serverName instanceof SNIHostName hostName) ? hostName : new SNIHostName(serverName.getEncoded()))
				.getAsciiName();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private void judge(X509Certificate[] chain, @Nullable PinSet pinSet, String host, int port, PinFindings findings)
			throws CertificatePinningException {
		if (pinSet == null) {
			return;
		}
		if (pinSet.expires() != null && pinSet.isExpiredAt(this.clock.millis())) {
			findings.expired(pinSet, host);
			return;
		}
		long cleanerNow = this.cleaner.now();
		ValidatedChain validated = this.cleaner.validate(chain, cleanerNow);
		ValidatedChain.Match match = validated.check(pinSet, cleanerNow);
		if (match.pin() != null) {
			findings.matched(pinSet, match, host);
			return;
		}
		findings.violated(new PinningViolation(this.clock.instant(), host, port, pinSet, List.of(chain),
				validated.certificates(), validated.pins(), match.cutShort(), false));
	}

}
