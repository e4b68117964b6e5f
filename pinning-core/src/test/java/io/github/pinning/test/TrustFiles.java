package io.github.pinning.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import okhttp3.tls.HeldCertificate;

/**
 * Trust stores written to disk, as applications configure them: a PEM file for an SSL bundle,
 * and a PKCS#12 file for the JVM's {@code javax.net.ssl.trustStore}.
 */
public final class TrustFiles {

	/** The password of the PKCS#12 trust stores written here. */
	public static final String PASSWORD = "changeit";

	private TrustFiles() {
	}

	/**
	 * Writes the certificates of the given anchors to one PEM file.
	 * @param file where to write
	 * @param anchors the certificates
	 * @return the file
	 * @throws IOException if the file cannot be written
	 */
	public static Path pem(Path file, HeldCertificate... anchors) throws IOException {
		StringBuilder pem = new StringBuilder();
		for (HeldCertificate anchor : anchors) {
			pem.append(anchor.certificatePem());
		}
		return Files.writeString(file, pem);
	}

	/**
	 * Writes a private key and its certificate to a PKCS#12 key store.
	 * @param file where to write
	 * @param key the key and certificate
	 * @return the file
	 * @throws Exception if the store cannot be written
	 */
	public static Path keyStore(Path file, HeldCertificate key) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("key", key.keyPair().getPrivate(), PASSWORD.toCharArray(),
				new java.security.cert.Certificate[] { key.certificate() });
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, PASSWORD.toCharArray());
		}
		return file;
	}

	/**
	 * Writes the certificates of the given anchors to a PKCS#12 trust store.
	 * @param file where to write
	 * @param anchors the certificates
	 * @return the file
	 * @throws Exception if the store cannot be written
	 */
	public static Path pkcs12(Path file, HeldCertificate... anchors) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		for (int i = 0; i < anchors.length; i++) {
			store.setCertificateEntry("anchor-" + i, anchors[i].certificate());
		}
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, PASSWORD.toCharArray());
		}
		return file;
	}

}
