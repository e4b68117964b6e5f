package io.github.pinning.autoconfigure.ssl;

import java.security.KeyStore;
import java.time.Clock;
import java.util.Set;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;

import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TrustingEverything;
import io.github.pinning.test.Violations;
import okhttp3.tls.HeldCertificate;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PinnedSslBundleTests {

	private final TestPki pki = TestPki.localhost();

	private final SslBundlePinning pinning = new SslBundlePinning(
			PinningPolicy.of(Violations.pinSet(this.pki, "local", "localhost")), PinningListener.NONE,
			Clock.systemUTC());

	@Test
	void keepsKeyMaterialProtocolAndOptionsAndPinsOnlyTrust() throws Exception {
		HeldCertificate client = new HeldCertificate.Builder().commonName("client").build();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("client", client.keyPair().getPrivate(), "secret".toCharArray(),
				new java.security.cert.Certificate[] { client.certificate() });
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("root", this.pki.root().certificate());
		SslStoreBundle stores = SslStoreBundle.of(keyStore, "secret", trustStore);
		SslOptions options = SslOptions.of(Set.of("TLS_AES_128_GCM_SHA256"), Set.of("TLSv1.3"));
		SslBundle original = SslBundle.of(stores, SslBundleKey.of("secret", "client"), options, "TLSv1.3");

		SslBundle pinned = this.pinning.pin(original);

		assertThat(pinned).isNotSameAs(original);
		assertThat(pinned.getStores()).isSameAs(original.getStores());
		assertThat(pinned.getKey()).isSameAs(original.getKey());
		assertThat(pinned.getOptions()).isSameAs(original.getOptions());
		assertThat(pinned.getProtocol()).isEqualTo("TLSv1.3");
		X509KeyManager keys = (X509KeyManager) pinned.getManagers().getKeyManagers()[0];
		String alias = keys.chooseClientAlias(new String[] { "EC" }, null, null);
		assertThat(alias).isEqualTo("client");
		assertThat(keys.getCertificateChain(alias)).containsExactly(client.certificate());
		TrustManagerFactory trust = pinned.getManagers().getTrustManagerFactory();
		assertThat(trust.getTrustManagers()).singleElement().isInstanceOf(PinningTrustManager.class);
		assertThat(pinned.getManagers().getTrustManagers()).singleElement().isInstanceOf(PinningTrustManager.class);
		assertThat(pinned.createSslContext()).isSameAs(pinned.createSslContext());
		assertThat(pinned.createSslContext().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(this.pinning.pin(pinned)).isSameAs(pinned);
	}

	@Test
	void warnsOncePerBundleWhoseTrustManagerNamesNoTrustAnchors(CapturedOutput output) {
		TrustManager trustAll = new TrustingEverything();
		SslBundle trustingAll = SslBundle.of(SslStoreBundle.NONE, null, null, "TLS",
				SslManagerBundle.of(JvmDefaultKeyManagers.keyManagerFactory(), new PinningTrustManagerFactory("PKIX", new TrustManager[] { trustAll })));
		this.pinning.pin(trustingAll);
		this.pinning.pin(trustingAll);
		this.pinning.pin(SslBundle.of(SslStoreBundle.of(null, null, trustStore())));
		assertThat(output.getAll().lines().filter((line) -> line.contains("names no trust anchors")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("WARN", "only a pin of the server's own key (the leaf) can match", "[local]");
	}

	private KeyStore trustStore() {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("root", this.pki.root().certificate());
			return trustStore;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void withoutABundleUsesTheJvmTrustStoreOnceAndWithoutPinSetsChangesNothing() {
		SslBundle systemDefault = this.pinning.pin(null);
		assertThat(systemDefault).isNotNull().isSameAs(this.pinning.pin(null));
		assertThat(systemDefault.getManagers().getTrustManagers()).allMatch(PinningTrustManager.class::isInstance);
		SslBundlePinning nothingToPin = new SslBundlePinning(PinningPolicy.empty(), PinningListener.NONE,
				Clock.systemUTC());
		SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
		assertThat(nothingToPin.pin(bundle)).isSameAs(bundle);
		assertThat(nothingToPin.pin(null)).isNull();
	}

}
