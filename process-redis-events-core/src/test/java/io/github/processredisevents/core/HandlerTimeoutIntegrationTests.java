/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.processredisevents.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handler timeouts: handlers that sleep, that busy-loop checking cancellation, and that
 * ignore the interrupt.
 */
class HandlerTimeoutIntegrationTests extends RedisEventsTestSupport {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	@Test
	void aSleepingHandlerIsInterruptedAndItsAttemptFailsNamingTheTimeout() {
		List<Throwable> interrupted = new CopyOnWriteArrayList<>();
		process(options(Order.class).timeout(TIMEOUT).maxAttempts(1).build(), (item) -> {
			try {
				Thread.sleep(Duration.ofMinutes(5).toMillis());
			}
			catch (InterruptedException ex) {
				interrupted.add(ex);
				throw ex;
			}
		});
		this.stream.add(new Order("slow", 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
		assertThat(interrupted).hasSize(1);
		JsonNode metadata = parse(this.stream.deadLetterStream().oldest(1).get(0).data()).path("_dlqMetadata");
		assertThat(metadata.path("errorType").asString()).isEqualTo(HandlerTimeoutException.class.getName());
		assertThat(metadata.path("error").asString()).contains("timeout of 300ms");
	}

	@Test
	void aTimedOutAttemptIsRetriedAfterTheBackoffLikeAnyFailure() {
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		process(options(Order.class).timeout(TIMEOUT).lease(Duration.ofMinutes(5)).build(), (item) -> {
			attempts.add(item.attempts());
			if (item.attempts() == 0) {
				Thread.sleep(Duration.ofMinutes(5).toMillis());
			}
		});
		this.stream.add(new Order("o-1", 1));
		// with a five-minute lease, a retry within the wait proves the timeout released
		// it
		await().atMost(WAIT).until(() -> attempts.size() == 2);
		awaitNothingPending("workers");
		assertThat(attempts).containsExactly(0, 1);
		assertThat(this.stream.deadLetterStream().length()).isZero();
	}

	@Test
	void aBusyLoopCheckingCancelledStopsAtTheTimeout() {
		AtomicBoolean stopped = new AtomicBoolean();
		process(options(Order.class).timeout(TIMEOUT).maxAttempts(1).build(), (item) -> {
			while (!item.cancelled()) {
				Thread.onSpinWait();
			}
			stopped.set(true);
		});
		this.stream.add(new Order("loop", 1));
		await().atMost(WAIT).until(() -> stopped.get() && this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
	}

	@Test
	void aHandlerThatIgnoresTheInterruptHoldsNeitherItsEntryNorItsWorker() {
		AtomicBoolean release = new AtomicBoolean();
		AtomicBoolean stuck = new AtomicBoolean();
		List<String> handled = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(
				options(Order.class).concurrency(1).timeout(TIMEOUT).lease(Duration.ofMinutes(5)).build(), (item) -> {
					if (item.data().orderId().equals("stubborn") && item.attempts() == 0) {
						stuck.set(true);
						ignoreInterruptsUntil(release);
						stuck.set(false);
						return;
					}
					handled.add(item.data().orderId() + "@" + item.attempts());
				});
		this.stream.add(new Order("stubborn", 1));
		this.stream.add(new Order("next", 1));
		// one worker, a five-minute lease: both handled while the first call still runs
		await().atMost(WAIT).until(() -> handled.containsAll(List.of("stubborn@1", "next@0")));
		assertThat(stuck).isTrue();
		awaitNothingPending("workers");
		release.set(true);
		await().atMost(WAIT).until(() -> !stuck.get());
		this.stream.add(new Order("after", 1));
		await().atMost(WAIT).until(() -> handled.contains("after@0"));
		awaitNothingPending("workers");
		assertThat(processor.stats().processed()).isEqualTo(3);
	}

	@Test
	void withoutATimeoutAHandlerIsNotInterrupted() {
		List<Boolean> interrupted = new CopyOnWriteArrayList<>();
		process(options(Order.class).build(), (item) -> {
			Thread.sleep(TIMEOUT.multipliedBy(2).toMillis());
			interrupted.add(item.cancelled());
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> interrupted.size() == 1);
		awaitNothingPending("workers");
		assertThat(interrupted).containsExactly(false);
	}

	private static void ignoreInterruptsUntil(AtomicBoolean release) {
		while (!release.get()) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				// ignored on purpose
			}
		}
	}

}
