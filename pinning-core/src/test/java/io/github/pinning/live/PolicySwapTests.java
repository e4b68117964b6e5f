package io.github.pinning.live;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinCheckOutcome;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Policies swapped back and forth while handshakes run: each handshake is judged by one whole
 * policy, the old or the new, never a mix and never none, and the counts are exact. Policy A
 * pins the genuine chain, policy B the impostor's; half the handshakes go to each server.
 */
class PolicySwapTests {

	private static final int HANDSHAKES = 1000;

	private static final int SWAPS = 100;

	private final TestPki pki = TestPki.localhost();

	private final PinSet genuineSet = PinSet.of("local", List.of("localhost"),
			TestPki.pins(this.pki.intermediate(), this.pki.root()));

	private final PinSet impostorSet = PinSet.of("local", List.of("localhost"),
			TestPki.pins(this.pki.rogueLeaf(), this.pki.rogueRoot()));

	private final PinningPolicy a = PinningPolicy.of(this.genuineSet);

	private final PinningPolicy b = PinningPolicy.of(this.impostorSet);

	/** The pin set that judged the handshake running on this thread. */
	private final ThreadLocal<List<PinSet>> judgedBy = ThreadLocal.withInitial(ArrayList::new);

	private final AtomicLong[] counts = { new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong() };

	@Test
	void everyHandshakeIsJudgedByOneWholePolicyWhileItIsSwapped() throws Exception {
		LivePinningPolicy live = LivePinningPolicy.of(this.a);
		PinningListener listener = new PinningListener() {
			@Override
			public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
				PolicySwapTests.this.judgedBy.get().add(pinSet);
				int policy = (pinSet == PolicySwapTests.this.genuineSet) ? 0 : 2;
				PolicySwapTests.this.counts[policy + ((outcome == PinCheckOutcome.MATCH) ? 0 : 1)].incrementAndGet();
			}
		};
		PinningTrustManager trustManager = new PinningTrustManager(this.pki.trustingBothRoots(), live, listener,
				Clock.systemUTC());
		AtomicInteger byA = new AtomicInteger();
		AtomicInteger byB = new AtomicInteger();
		AtomicBoolean done = new AtomicBoolean();
		try (TlsServer genuine = TlsServer.start(this.pki.genuineServer(), "genuine");
				TlsServer impostor = TlsServer.start(this.pki.rogueServer(), "impostor")) {
			ExecutorService clients = Executors.newFixedThreadPool(8);
			Thread swapper = new Thread(() -> {
				for (int i = 0; i < SWAPS && !done.get(); i++) {
					live.replace((i % 2 == 0) ? this.b : this.a, "test", Instant.now());
					sleep();
				}
			});
			try {
				List<Future<?>> handshakes = new ArrayList<>();
				swapper.start();
				for (int i = 0; i < HANDSHAKES; i++) {
					boolean toGenuine = i % 2 == 0;
					TlsServer server = toGenuine ? genuine : impostor;
					handshakes.add(clients.submit(() -> {
						this.judgedBy.get().clear();
						Throwable failure = catchThrowable(() -> Handshakes.connect(Transport.SOCKET, trustManager,
								"localhost", server.port(), "TLSv1.3"));
						List<PinSet> judges = this.judgedBy.get();
						assertThat(judges).as("one check per handshake").hasSize(1);
						boolean underA = judges.get(0) == this.genuineSet;
						(underA ? byA : byB).incrementAndGet();
						boolean accepted = toGenuine == underA;
						if (accepted) {
							assertThat(failure).as("accepted by the policy that judged it").isNull();
						}
						else {
							assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
						}
						return null;
					}));
				}
				for (Future<?> handshake : handshakes) {
					handshake.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				done.set(true);
				swapper.join();
				clients.shutdownNow();
			}
		}
		assertThat(byA.get() + byB.get()).isEqualTo(HANDSHAKES);
		assertThat(byA.get()).as("handshakes judged by A").isPositive();
		assertThat(byB.get()).as("handshakes judged by B").isPositive();
		long total = 0;
		for (AtomicLong count : this.counts) {
			total += count.get();
		}
		assertThat(total).as("checks counted").isEqualTo(HANDSHAKES);
		assertThat(this.counts[0].get() + this.counts[1].get()).isEqualTo(byA.get());
		assertThat(this.counts[2].get() + this.counts[3].get()).isEqualTo(byB.get());
	}

	private static void sleep() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
