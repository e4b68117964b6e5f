package io.github.pinning.test;

import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.pinning.Pin;

/**
 * The independent answer to "which pins may match this served chain": the leaf's key, and the
 * key of every certificate on some path from the leaf to a trust anchor that the JDK's
 * {@link CertPathValidator} accepts. It enumerates every ordering of the distinct certificates
 * (served and anchors) without any bound or cache; the only pruning is name chaining, which
 * RFC 5280 (6.1.3 a 4) requires of every valid path. The JDK's {@link CertPathBuilder} is asked
 * too, as a second opinion on the anchors.
 */
public final class PkixOracle {

	private final List<X509Certificate> anchors;

	private final Date date;

	private int refusedPaths;

	/**
	 * Creates an oracle for a set of trust anchors at a time.
	 * @param anchors the trust anchors
	 * @param date the time of validation
	 */
	public PkixOracle(List<X509Certificate> anchors, Date date) {
		this.anchors = List.copyOf(new LinkedHashSet<>(anchors));
		this.date = date;
	}

	/**
	 * Returns the pins that may match a served chain.
	 * @param served the served chain, leaf first
	 * @return the pins
	 */
	public Set<Pin> matchablePins(X509Certificate[] served) {
		Set<X509Certificate> pool = new LinkedHashSet<>(List.of(served).subList(1, served.length));
		pool.addAll(this.anchors);
		pool.remove(served[0]);
		Set<Pin> pins = new LinkedHashSet<>();
		pins.add(Pin.of(served[0]));
		List<X509Certificate> path = new ArrayList<>();
		path.add(served[0]);
		walk(path, pool, pins);
		return pins;
	}

	private void walk(List<X509Certificate> path, Set<X509Certificate> pool, Set<Pin> pins) {
		X509Certificate last = path.get(path.size() - 1);
		for (X509Certificate next : pool) {
			if (path.contains(next) || !next.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
				continue;
			}
			if (this.anchors.contains(next)) {
				if (valid(path, next)) {
					path.forEach((certificate) -> pins.add(Pin.of(certificate)));
					pins.add(Pin.of(next));
				}
				else {
					this.refusedPaths++;
				}
			}
			path.add(next);
			walk(path, pool, pins);
			path.remove(path.size() - 1);
		}
	}

	private boolean valid(List<X509Certificate> path, X509Certificate anchor) {
		try {
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(this.date);
			CertPathValidator.getInstance("PKIX")
				.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Returns how many candidate paths (names chained to an anchor) the validator refused.
	 * @return the count, over every chain asked so far
	 */
	public int refusedPaths() {
		return this.refusedPaths;
	}

	/**
	 * Returns the anchors that the JDK's {@link CertPathBuilder} reaches from the leaf through
	 * the served certificates, asking once per anchor.
	 * @param served the served chain, leaf first
	 * @return the pins of the anchors it reaches
	 */
	public Set<Pin> anchorsTheBuilderReaches(X509Certificate[] served) {
		Set<Pin> reached = new LinkedHashSet<>();
		for (X509Certificate anchor : this.anchors) {
			if (anchor.equals(served[0])) {
				continue;
			}
			try {
				X509CertSelector target = new X509CertSelector();
				target.setCertificate(served[0]);
				PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)),
						target);
				parameters.setRevocationEnabled(false);
				parameters.setDate(this.date);
				parameters.setMaxPathLength(-1);
				parameters.addCertStore(CertStore.getInstance("Collection",
						new CollectionCertStoreParameters(List.of(served))));
				PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
					.build(parameters);
				reached.add(Pin.of(result.getTrustAnchor().getTrustedCert()));
			}
			catch (Exception ex) {
				// No path to this anchor.
			}
		}
		return reached;
	}

}
