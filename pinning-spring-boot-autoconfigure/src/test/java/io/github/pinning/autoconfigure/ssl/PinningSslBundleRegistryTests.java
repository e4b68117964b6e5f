package io.github.pinning.autoconfigure.ssl;

import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.github.pinning.PinningTrustManager;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PinningSslBundleRegistryTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PinningAutoConfiguration.class))
		.withPropertyValues(backends.pinSet())
		.withPropertyValues(backends.trustBundle(false));

	@Test
	void aContextMadeByHandFromANamedBundleIsPinned() {
		this.runner.run((context) -> {
			SSLContext sslContext = context.getBean(SslBundles.class).getBundle("test").createSslContext();
			assertThat(catchThrowable(() -> Handshakes.connect(Transport.SOCKET, sslContext, "localhost",
					backends.genuine().port(), "TLSv1.3"))).isNull();
			assertThat(Failures.isPinningFailure(catchThrowable(() -> Handshakes.connect(Transport.SOCKET, sslContext,
					"localhost", backends.rogue().port(), "TLSv1.3")))).isTrue();
		});
	}

	@Test
	void theSameBundleComesOutTheSameUntilItIsUpdatedAndUpdateHandlersReceiveItPinned() {
		this.runner.run((context) -> {
			SslBundles bundles = context.getBean(SslBundles.class);
			SslBundle first = bundles.getBundle("test");
			assertThat(bundles.getBundle("test")).isSameAs(first);
			List<SslBundle> updates = new ArrayList<>();
			bundles.addBundleUpdateHandler("test", updates::add);
			SslBundle replacement = SslBundle.of(null);
			((SslBundleRegistry) bundles).updateBundle("test", replacement);
			assertThat(updates).singleElement()
				.satisfies((updated) -> assertThat(updated.getManagers().getTrustManagers())
					.allMatch(PinningTrustManager.class::isInstance));
			assertThat(bundles.getBundle("test")).isNotSameAs(first)
				.satisfies((updated) -> assertThat(updated.getManagers().getTrustManagers())
					.allMatch(PinningTrustManager.class::isInstance));
			assertThat(bundles.getBundleNames()).containsExactly("test");
		});
	}

	@Test
	void withPinningSwitchedOffTheRegistryIsSpringBootsOwn() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PinningAutoConfiguration.class))
			.withPropertyValues("pinning.enabled=false")
			.run((context) -> assertThat(context.getBean(SslBundles.class))
				.isNotInstanceOf(PinningSslBundleRegistry.class));
	}

	@Test
	void withoutPinSetsTheRegistryIsPinnedSoThatSetsAddedLaterApply() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PinningAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(SslBundles.class))
				.isInstanceOf(PinningSslBundleRegistry.class));
	}

}
