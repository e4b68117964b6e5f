package io.github.pinning;

import java.security.cert.CertificateException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

	private static final System.Logger logger = System.getLogger(PinChecker.class.getName());

	private final LivePinningPolicy policy;

	private final PinningListener listener;

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
		this.listener = listener;
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
		if (policy.isEmpty()) {
			return policy;
		}
		PinSet checked = null;
		if (host != null) {
			checked = policy.pinSetFor(host);
			check(chain, checked, host, port);
		}
		boolean named = false;
		for (SNIServerName serverName : serverNames) {
			String name = hostName(serverName);
			if (name != null) {
				named = true;
				PinSet pinSet = name.equalsIgnoreCase(host) ? checked : policy.pinSetFor(name);
				if (pinSet != checked) {
					check(chain, pinSet, name, port);
				}
			}
		}
		if (host == null && !named && policy.isEnforcing()) {
			throw new CertificatePinningException("Certificate pinning failure: no peer host was available, so the"
					+ " pins cannot be checked. Pinned connections need an SSLEngine or SSLSocket that knows the"
					+ " host it connects to.");
		}
		return policy;
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

	private void check(X509Certificate[] chain, @Nullable PinSet pinSet, String host, int port)
			throws CertificatePinningException {
		if (pinSet == null) {
			return;
		}
		if (pinSet.expires() != null && pinSet.isExpiredAt(this.clock.millis())) {
			notifyCheck(pinSet, PinCheckOutcome.EXPIRED, host);
			return;
		}
		long cleanerNow = this.cleaner.now();
		ValidatedChain validated = this.cleaner.validate(chain, cleanerNow);
		ValidatedChain.Match match = validated.check(pinSet, cleanerNow);
		if (match.pin() != null) {
			notifyCheck(pinSet, PinCheckOutcome.MATCH, host);
			notifyMatch(match, host);
			return;
		}
		Instant now = this.clock.instant();
		PinningViolation violation = new PinningViolation(now, host, port, pinSet, List.of(chain),
				validated.certificates(), validated.pins(), match.cutShort());
		// The violation before the check's outcome: whatever reads both (a scrape of the
		// metrics, an alert that lists the hosts of the violations it counts) never sees the
		// outcome without the violation behind it.
		try {
			this.listener.onViolation(violation);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a violation for " + host, ex);
		}
		notifyCheck(pinSet, PinCheckOutcome.VIOLATION, host);
		if (pinSet.mode() == PinningMode.ENFORCE) {
			throw new CertificatePinningException(violation);
		}
	}

	private void notifyMatch(ValidatedChain.Match match, String host) {
		try {
			this.listener.onMatch(match.pinSet(), Objects.requireNonNull(match.pin()),
					Objects.requireNonNull(match.lockoutAt()), host);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a match for " + host, ex);
		}
	}

	private void notifyCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		try {
			this.listener.onCheck(pinSet, outcome, host);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a check for " + host, ex);
		}
	}

}
