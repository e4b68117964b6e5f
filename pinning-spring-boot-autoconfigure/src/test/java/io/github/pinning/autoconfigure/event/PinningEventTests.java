package io.github.pinning.autoconfigure.event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.pinning.test.BlockedViolationListener;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A {@link PinningViolationEvent} for every violation, published off the TLS thread: a listener
 * that blocks holds up no handshake.
 */
class PinningEventTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private final ApplicationContextRunner runner = backends.pinnedClientsRunner()
		.withConfiguration(AutoConfigurations.of(PinningEventAutoConfiguration.class))
		.withUserConfiguration(BlockedViolationListener.class);

	@Test
	void aBlockedListenerHoldsUpNoHandshakeAndSeesEveryViolationOffTheCallingThread() throws Exception {
		this.runner.run((context) -> {
			BlockedViolationListener listener = context.getBean(BlockedViolationListener.class);
			RestClient client = context.getBean(RestClient.Builder.class).build();
			int violations = 5;
			CompletableFuture<Void> calls = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < violations; i++) {
					Throwable failure = catchThrowable(
							() -> client.get().uri(TestBackends.url(backends.rogue())).retrieve().body(String.class));
					assertThat(Failures.isPinningFailure(failure)).isTrue();
				}
				assertThat(client.get().uri(TestBackends.url(backends.genuine())).retrieve().body(String.class))
					.isEqualTo("genuine");
			});
			// The listener is still blocked on its first event while every call completes.
			calls.get(60, TimeUnit.SECONDS);
			assertThat(listener.received()).hasSizeLessThanOrEqualTo(1);
			listener.releaseAndAwait(violations);
			assertThat(listener.received()).hasSize(violations).allSatisfy((event) -> {
				assertThat(event.getViolation().host()).isEqualTo("localhost");
				assertThat(event.getViolation().pinSet().name()).isEqualTo("local");
			});
			assertThat(listener.threads()).containsOnly("pinning-events");
		});
	}

}
