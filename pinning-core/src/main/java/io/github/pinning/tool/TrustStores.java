package io.github.pinning.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Reads the trust store given with {@code --truststore}: a PEM file of CA certificates, or a
 * PKCS#12 trust store (with {@code --truststore-password} when its certificates are encrypted, as
 * {@code keytool} writes them by default).
 */
final class TrustStores {

	private TrustStores() {
	}

	/**
	 * Returns a PKIX trust manager that trusts the certificates of a file.
	 * @param file a PEM file of certificates or a PKCS#12 trust store
	 * @param password the PKCS#12 password, or {@code null}
	 * @return the trust manager
	 * @throws IOException if the file cannot be read
	 * @throws GeneralSecurityException if it holds no certificate
	 */
	static X509ExtendedTrustManager load(Path file, char @Nullable [] password)
			throws IOException, GeneralSecurityException {
		byte[] content = Files.readAllBytes(file);
		KeyStore keyStore = isPem(content) ? fromCertificates(file) : fromPkcs12(file, password);
		if (keyStore.size() == 0) {
			throw new GeneralSecurityException("it holds no certificate (a PKCS#12 file may need"
					+ " --truststore-password)");
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
		factory.init(keyStore);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509ExtendedTrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("no X.509 trust manager for it");
	}

	private static boolean isPem(byte[] content) {
		return new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----");
	}

	private static KeyStore fromCertificates(Path file) throws IOException, GeneralSecurityException {
		KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
		keyStore.load(null, null);
		try (InputStream input = Files.newInputStream(file)) {
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(input)) {
				keyStore.setCertificateEntry("ca-" + index++, certificate);
			}
		}
		return keyStore;
	}

	private static KeyStore fromPkcs12(Path file, char @Nullable [] password)
			throws IOException, GeneralSecurityException {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream input = Files.newInputStream(file)) {
			keyStore.load(input, password);
		}
		return keyStore;
	}

}
