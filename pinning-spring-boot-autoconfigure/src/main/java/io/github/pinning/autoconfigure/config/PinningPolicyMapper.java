package io.github.pinning.autoconfigure.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pinning.HostPattern;
import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningMode;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException.Problem;
import io.github.pinning.autoconfigure.config.PinningProperties.PinSetProperties;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns {@link PinningProperties} into a {@link PinningPolicy}, collecting every problem of the
 * configuration before it fails.
 */
public final class PinningPolicyMapper {

	private static final String PIN_ACTION = "Write each pin as 'sha256/' followed by the base64 SHA-256 hash of a"
			+ " certificate's SubjectPublicKeyInfo; 'java -jar pinning-core.jar HOST' prints"
			+ " the pins of a server's chain.";

	private static final String HOST_ACTION = "Write each host as a name such as 'api.example.com', '*.example.com'"
			+ " (exactly one label below) or '**.example.com' (the domain and any depth below), or an IP address,"
			+ " without scheme, port or path.";

	private final ResourceLoader resourceLoader;

	/**
	 * Creates a mapper.
	 * @param resourceLoader reads the {@code certificates} files
	 */
	public PinningPolicyMapper(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Checks that every key under {@code pinning.} is one that is read, then maps the
	 * properties to a policy.
	 * @param properties the bound properties
	 * @param environment where they were bound from
	 * @return the policy
	 * @throws InvalidPinningConfigurationException if a key is unknown or a property invalid
	 */
	public PinningPolicy read(PinningProperties properties, ConfigurableEnvironment environment) {
		List<Problem> unknownKeys = PinningKeys.check(environment);
		if (!unknownKeys.isEmpty()) {
			throw new InvalidPinningConfigurationException(unknownKeys);
		}
		return map(properties);
	}

	/**
	 * Maps the properties to a policy.
	 * @param properties the bound properties
	 * @return the policy
	 * @throws InvalidPinningConfigurationException if any property is invalid
	 */
	public PinningPolicy map(PinningProperties properties) {
		List<Problem> problems = new ArrayList<>();
		List<PinSet> pinSets = new ArrayList<>();
		Map<HostPattern, String> owners = new HashMap<>();
		properties.getPinSets().forEach((name, pinSet) -> {
			String prefix = "pinning.pin-sets." + name;
			int before = problems.size();
			List<HostPattern> hosts = hosts(prefix, pinSet.getHosts(), name, owners, problems);
			Set<Pin> pins = new LinkedHashSet<>(pins(prefix, pinSet.getPins(), problems));
			pins.addAll(certificatePins(prefix, pinSet.getCertificates(), problems));
			if (pinSet.isReloadOnUpdate()) {
				watchedFiles(prefix, pinSet.getCertificates(), problems);
			}
			PinningMode mode = (pinSet.getMode() != null) ? pinSet.getMode() : properties.getMode();
			if (problems.size() == before) {
				checkPinCount(prefix, pinSet, pins, mode, properties.isRequireBackupPin(), problems);
			}
			if (problems.size() == before) {
				pinSets.add(new PinSet(name, hosts, pins, mode, pinSet.getExpires()));
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidPinningConfigurationException(problems);
		}
		return PinningPolicy.of(pinSets);
	}

	private static List<HostPattern> hosts(String prefix, List<String> hosts, String name,
			Map<HostPattern, String> owners, List<Problem> problems) {
		if (hosts.isEmpty()) {
			problems.add(new Problem(prefix + ".hosts", null, "a pin set needs at least one host",
					"Add the hosts the pin set applies to under '" + prefix + ".hosts'."));
			return List.of();
		}
		List<HostPattern> patterns = new ArrayList<>();
		for (int i = 0; i < hosts.size(); i++) {
			String property = prefix + ".hosts[" + i + "]";
			try {
				HostPattern pattern = HostPattern.parse(hosts.get(i));
				String owner = owners.putIfAbsent(pattern, name);
				if (owner != null && !owner.equals(name)) {
					problems.add(new Problem(property, hosts.get(i),
							"host pattern '" + pattern + "' is already in pin set '" + owner
									+ "'; a host pattern may belong to one pin set only",
							"Keep '" + pattern + "' in one pin set only, or merge the two pin sets."));
				}
				patterns.add(pattern);
			}
			catch (IllegalArgumentException ex) {
				problems.add(new Problem(property, hosts.get(i), ex.getMessage(), HOST_ACTION));
			}
		}
		return patterns;
	}

	private static List<Pin> pins(String prefix, List<String> pins, List<Problem> problems) {
		List<Pin> parsed = new ArrayList<>();
		for (int i = 0; i < pins.size(); i++) {
			try {
				parsed.add(Pin.parse(pins.get(i)));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new Problem(prefix + ".pins[" + i + "]", pins.get(i), ex.getMessage(), PIN_ACTION));
			}
		}
		return parsed;
	}

	private List<Pin> certificatePins(String prefix, List<String> locations, List<Problem> problems) {
		List<Pin> pins = new ArrayList<>();
		for (int i = 0; i < locations.size(); i++) {
			String property = prefix + ".certificates[" + i + "]";
			String location = locations.get(i);
			String action = "Point '" + property + "' at a PEM file of one or more certificates, for example"
					+ " 'classpath:pins/api.pem' or 'file:/etc/pins/api.pem'.";
			Resource resource = this.resourceLoader.getResource(location);
			if (!resource.exists()) {
				problems.add(new Problem(property, location, "no file exists at '" + location + "'", action));
				continue;
			}
			try (InputStream input = resource.getInputStream()) {
				Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
					.generateCertificates(input);
				if (certificates.isEmpty()) {
					problems.add(new Problem(property, location, "'" + location + "' holds no readable certificate", action));
				}
				for (Certificate certificate : certificates) {
					pins.add(Pin.of((X509Certificate) certificate));
				}
			}
			catch (IOException | CertificateException ex) {
				problems.add(new Problem(property, location,
						"'" + location + "' holds no readable certificate (" + ex.getMessage() + ")", action));
			}
		}
		return pins;
	}

	/**
	 * Returns the files of the pin sets whose certificates are applied while running.
	 * @param properties the bound properties, already mapped without problems
	 * @return the files to watch
	 */
	public List<Path> watchedFiles(PinningProperties properties) {
		List<Path> files = new ArrayList<>();
		properties.getPinSets().forEach((name, pinSet) -> {
			if (pinSet.isReloadOnUpdate()) {
				files.addAll(watchedFiles("pinning.pin-sets." + name, pinSet.getCertificates(), new ArrayList<>()));
			}
		});
		return files.stream().distinct().toList();
	}

	private List<Path> watchedFiles(String prefix, List<String> locations, List<Problem> problems) {
		if (locations.isEmpty()) {
			problems.add(new Problem(prefix + ".reload-on-update", "true",
					"reload-on-update watches the set's certificates files, but it has none",
					"List PEM files under '" + prefix + ".certificates', or remove '" + prefix + ".reload-on-update'."));
		}
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < locations.size(); i++) {
			Resource resource = this.resourceLoader.getResource(locations.get(i));
			try {
				files.add(resource.getFile().toPath().toAbsolutePath());
			}
			catch (IOException ex) {
				problems.add(new Problem(prefix + ".certificates[" + i + "]", locations.get(i),
						"reload-on-update can only watch files, and '" + locations.get(i) + "' is not one",
						"Point '" + prefix + ".certificates[" + i + "]' at a file ('file:/etc/pins/api.pem'), or"
								+ " remove '" + prefix + ".reload-on-update'."));
			}
		}
		return files;
	}

	private static void checkPinCount(String prefix, PinSetProperties pinSet, Set<Pin> pins, PinningMode mode,
			boolean requireBackupPin, List<Problem> problems) {
		if (pins.isEmpty()) {
			problems.add(new Problem(prefix + ".pins", null, "a pin set needs at least one pin or certificate",
					"Add pins under '" + prefix + ".pins' or PEM files under '" + prefix + ".certificates'."));
		}
		else if (pins.size() == 1 && mode == PinningMode.ENFORCE && requireBackupPin) {
			String value = pinSet.getPins().isEmpty() ? String.join(",", pinSet.getCertificates())
					: String.join(",", pinSet.getPins());
			problems.add(new Problem(prefix + ".pins", value,
					"an enforced pin set needs at least two pins, so that a lost or rotated key does not lock"
							+ " clients out, but it has one",
					"Add a backup pin to '" + prefix + ".pins' (a key not yet deployed, or the key of the issuing"
							+ " CA), set '" + prefix + ".mode' to 'report-only', or set"
							+ " 'pinning.require-backup-pin' to false."));
		}
	}

}
