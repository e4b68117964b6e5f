package io.github.pinning.autoconfigure.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;

/**
 * The client key material of the JVM's default {@code SSLContext}: the key store named by
 * {@code javax.net.ssl.keyStore}, if any. A client that used the JVM default before pinning
 * keeps presenting the same client certificate.
 */
final class JvmDefaultKeyManagers {

	private JvmDefaultKeyManagers() {
	}

	static KeyManagerFactory keyManagerFactory() {
		try {
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			String location = System.getProperty("javax.net.ssl.keyStore", "");
			if (location.isEmpty() || location.equals("NONE")) {
				factory.init(null, null);
				return factory;
			}
			String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
			char[] password = System.getProperty("javax.net.ssl.keyStorePassword", "").toCharArray();
			KeyStore keyStore = KeyStore.getInstance(type);
			try (InputStream input = Files.newInputStream(Path.of(location))) {
				keyStore.load(input, password);
			}
			factory.init(keyStore, password);
			return factory;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not load the JVM's client key store (javax.net.ssl.keyStore="
					+ System.getProperty("javax.net.ssl.keyStore") + "): " + ex.getMessage(), ex);
		}
	}

}
