package io.github.pinning;

import java.time.Instant;

import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.Violations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeferredPinningListenerTests {

	private static final TestPki pki = TestPki.localhost();

	private final PinSet pinSet = Violations.pinSet(pki, "local", "localhost");

	@Test
	void keepsOutcomesInOrderUntilAListenerIsAttachedThenTellsItDirectly() {
		DeferredPinningListener deferred = new DeferredPinningListener();
		RecordingListener recording = new RecordingListener();
		deferred.onCheck(this.pinSet, PinCheckOutcome.MATCH, "first");
		deferred.onCheck(this.pinSet, PinCheckOutcome.VIOLATION, "second");
		deferred.onViolation(Violations.rogue(pki, this.pinSet, "second", Instant.EPOCH));
		assertThat(deferred.pending()).isEqualTo(3);
		assertThat(recording.checks()).isEmpty();
		deferred.attach(recording);
		assertThat(recording.checks()).containsExactly("local:match:first", "local:violation:second");
		assertThat(recording.violations()).extracting(PinningViolation::host).containsExactly("second");
		assertThat(deferred.pending()).isZero();
		deferred.onCheck(this.pinSet, PinCheckOutcome.MATCH, "third");
		assertThat(recording.checks()).endsWith("local:match:third");
	}

	@Test
	void keepsOutcomesAgainWhileNoListenerIsAttached() {
		DeferredPinningListener deferred = new DeferredPinningListener();
		RecordingListener first = new RecordingListener();
		RecordingListener second = new RecordingListener();
		deferred.attach(first);
		deferred.attach(null);
		deferred.onCheck(this.pinSet, PinCheckOutcome.MATCH, "between");
		assertThat(first.checks()).isEmpty();
		deferred.attach(second);
		assertThat(second.checks()).containsExactly("local:match:between");
	}

	@Test
	void keepsAtMostItsLimit() {
		DeferredPinningListener deferred = new DeferredPinningListener(2);
		RecordingListener recording = new RecordingListener();
		for (int i = 0; i < 5; i++) {
			deferred.onCheck(this.pinSet, PinCheckOutcome.MATCH, "host" + i);
		}
		deferred.onViolation(Violations.rogue(pki, this.pinSet, "beyond", Instant.EPOCH));
		assertThat(deferred.pending()).isEqualTo(2);
		deferred.attach(recording);
		assertThat(recording.checks()).containsExactly("local:match:host0", "local:match:host1");
		assertThat(recording.violations()).isEmpty();
	}

	@Test
	void discardForgetsWhatWasKept() {
		DeferredPinningListener deferred = new DeferredPinningListener();
		RecordingListener recording = new RecordingListener();
		deferred.onViolation(Violations.rogue(pki, this.pinSet, "never", Instant.EPOCH));
		deferred.discard("the test ended");
		deferred.attach(recording);
		assertThat(recording.violations()).isEmpty();
	}

}
