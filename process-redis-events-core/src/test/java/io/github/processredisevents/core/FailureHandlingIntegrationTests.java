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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where this version does better than the others: quick retries, poison messages, safe
 * dead-lettering, lease ownership, trimmed entries, non-object payloads.
 */
class FailureHandlingIntegrationTests extends RedisEventsTestSupport {

	@Test
	void aFailedEntryIsRetriedAfterTheBackoffNotAfterTheLease() {
		List<Long> attemptTimes = new CopyOnWriteArrayList<>();
		ProcessOptions<Order> options = options(Order.class).lease(Duration.ofMinutes(5))
			.backoff(Backoff.fixed(Duration.ofMillis(100)))
			.build();
		process(options, (item) -> {
			attemptTimes.add(System.nanoTime());
			if (item.attempts() < 2) {
				throw new IllegalStateException("fails");
			}
		});
		this.stream.add(new Order("o-1", 1));
		// with a five-minute lease, a retry within the wait proves the back-off released
		// it
		await().atMost(WAIT).until(() -> attemptTimes.size() == 3);
		awaitNothingPending("workers");
	}

	@Test
	void aRetryComesBackWhenItsBackoffHasPassedNotAtTheNextReclaim() {
		long backoff = 200;
		List<Long> attemptTimes = new CopyOnWriteArrayList<>();
		ProcessOptions<Order> options = options(Order.class).lease(Duration.ofSeconds(30))
			.backoff(Backoff.fixed(Duration.ofMillis(backoff)))
			.build();
		process(options, (item) -> {
			attemptTimes.add(System.nanoTime());
			if (item.attempts() < 5) {
				throw new IllegalStateException("fails");
			}
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> attemptTimes.size() == 6);
		awaitNothingPending("workers");
		List<Long> gaps = new java.util.ArrayList<>();
		for (int i = 1; i < attemptTimes.size(); i++) {
			gaps.add(TimeUnit.NANOSECONDS.toMillis(attemptTimes.get(i) - attemptTimes.get(i - 1)));
		}
		// never before the back-off has passed
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(backoff));
		// at this lease reclaims run once a second: five retries brought back by reclaims
		// alone take more than four seconds, by the retry timer about five back-offs
		assertThat(gaps.stream().mapToLong(Long::longValue).sum()).isLessThan(4000);
		System.out.println("Back-off " + backoff + " ms at lease 30 s, time between attempts (ms): " + gaps
				+ ", margin over the back-off (ms): " + gaps.stream().map((gap) -> gap - backoff).toList());
	}

	@Test
	void theBackoffGrowsExponentiallyUpToItsMaximum() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(500));
		assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void aNonRetryableExceptionDeadLettersOnTheFirstFailure() {
		AtomicInteger calls = new AtomicInteger();
		process(options(Order.class).notRetryable(IllegalArgumentException.class).build(), (item) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("wrapped", new IllegalArgumentException("bad amount"));
		});
		this.stream.add(new Order("o-1", -1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
		assertThat(calls.get()).isEqualTo(1);
		JsonNode metadata = parse(this.stream.deadLetterStream().oldest(1).get(0).data()).path("_dlqMetadata");
		assertThat(metadata.path("error").asString()).isEqualTo("wrapped");
		assertThat(metadata.path("errorType").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(metadata.path("attempts").asInt()).isEqualTo(1);
	}

	@Test
	void undecodableEntriesAreDeadLetteredAtOnceAndTheConsumerCarriesOn() {
		List<String> handled = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).build(), (item) -> handled.add(item.data().orderId()));
		this.stream.addJson("{not json");
		this.stream.addJson("\"a string, not an order\"");
		redis().xadd(this.stream.key(), redis.clients.jedis.params.XAddParams.xAddParams(),
				Map.of("payload", "{\"orderId\":\"x\"}"));
		this.stream.add(new Order("good", 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 3 && handled.size() == 1);
		awaitNothingPending("workers");
		assertThat(handled).containsExactly("good");
		List<JsonNode> letters = deadLettersInOriginalOrder();
		assertThat(letters).allSatisfy((letter) -> {
			assertThat(letter.path("_dlqMetadata").path("errorType").asString()).isEqualTo("UndecodableEntryException");
			assertThat(letter.path("_dlqMetadata").path("attempts").asInt()).isZero();
		});
		assertThat(letters.get(0).path("_dlqPayload").asString()).isEqualTo("{not json");
		assertThat(letters.get(0).path("_dlqMetadata").path("error").asString()).contains("not valid JSON");
		assertThat(letters.get(1).path("_dlqPayload").asString()).isEqualTo("a string, not an order");
		assertThat(letters.get(1).path("_dlqMetadata").path("error").asString())
			.startsWith("Entry 'data' does not match type " + Order.class.getName() + ": ");
		assertThat(letters.get(2).path("_dlqPayload").path("payload").asString()).isEqualTo("{\"orderId\":\"x\"}");
		assertThat(letters.get(2).path("_dlqMetadata").path("error").asString()).contains("no 'data' field");
		assertThat(processor.health().loopAlive()).isTrue();
	}

	@Test
	void theLogSaysAnUndecodableEntryWasDeadLetteredOnItsFirstDelivery() {
		try (CapturedLogs logs = CapturedLogs.of(Outcomes.class)) {
			process(options(Order.class).build(), (item) -> {
			});
			String id = this.stream.addJson("{not json");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(logs.messages(Level.INFO))
					.anyMatch((line) -> line.startsWith("Dead-lettered entry " + id))
					.allMatch((line) -> !line.startsWith("Dead-lettered entry " + id)
							|| line.contains("on its first delivery (Entry 'data' is not valid JSON")));
		}
	}

	@Test
	void theLogCountsTheDeliveriesOfAnEntryDeadLetteredAfterRetries() {
		try (CapturedLogs logs = CapturedLogs.of(Outcomes.class)) {
			process(options(Order.class).maxAttempts(3).build(), (item) -> {
				throw new IllegalStateException("always");
			});
			String id = this.stream.add(new Order("o-1", 1));
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(logs.messages(Level.INFO))
					.anyMatch((line) -> line.startsWith("Dead-lettered entry " + id + " of stream '"
							+ this.stream.name() + "' after 3 deliveries (java.lang.IllegalStateException;")));
		}
	}

	@Test
	void aGroupDeletedWithItsStreamIsRecreatedFromTheOldestEntryWithAWarning() {
		try (CapturedLogs logs = CapturedLogs.of(FetchLoop.class)) {
			List<String> handled = new CopyOnWriteArrayList<>();
			process(options(Order.class).build(), (item) -> handled.add(item.data().orderId()));
			this.stream.add(new Order("o-1", 1));
			await().atMost(WAIT).until(() -> handled.contains("o-1"));
			redis().del(this.stream.key());
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(logs.messages(Level.WARN)).containsExactly("Consumer group 'workers' of"
						+ " stream '" + this.stream.name() + "' was gone (stream deleted, or Redis restarted without"
						+ " persistence); recreated it from the oldest entry"));
			this.stream.add(new Order("o-2", 1));
			await().atMost(WAIT).until(() -> handled.contains("o-2"));
			assertThat(logs.messages(Level.INFO)).noneMatch((line) -> line.contains("but the group exists"));
		}
	}

	@Test
	void anOversizedPayloadIsDeadLetteredWithoutBeingParsed() {
		process(options(Order.class).maxPayloadBytes(64).build(), (item) -> {
		});
		this.stream.add(new Order("x".repeat(100), 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		JsonNode letter = parse(this.stream.deadLetterStream().oldest(1).get(0).data());
		assertThat(letter.path("_dlqMetadata").path("error").asString()).contains("larger than the limit of 64 bytes");
	}

	@Test
	void aHandlerThrowingAnErrorDoesNotKillTheConsumer() {
		List<String> handled = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).maxAttempts(1).build(), (item) -> {
			if (item.data().orderId().equals("poison")) {
				throw new AssertionError("boom");
			}
			handled.add(item.data().orderId());
		});
		this.stream.add(new Order("poison", 1));
		this.stream.add(new Order("good", 1));
		await().atMost(WAIT).until(() -> handled.contains("good") && this.stream.deadLetterStream().length() == 1);
		assertThat(processor.health().loopAlive()).isTrue();
	}

	@Test
	void whenTheDeadLetterWriteFailsTheEntryStaysPendingUntilItSucceeds() {
		String deadLetterKey = this.stream.deadLetterStream().key();
		redis().set(deadLetterKey, "not a stream");
		process(options(Order.class).maxAttempts(1).lease(Duration.ofMillis(500)).build(), (item) -> {
			throw new IllegalStateException("fails");
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT)
			.until(() -> this.stream.pendingEntries("workers", 10).size() == 1
					&& this.stream.pendingEntries("workers", 10).get(0).deliveries() >= 2);
		assertThat(pending("workers")).isEqualTo(1);
		redis().del(deadLetterKey);
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
	}

	@Test
	void streamAndDeadLettersSharingASlotAreWrittenAndAcknowledgedAtomically() {
		RedisEventStream tagged = this.events.stream("{" + this.stream.name() + "}");
		assertThat(StreamKeys.of("stream:", tagged.name()).deadLettersShareSlot()).isTrue();
		started(tagged.process(options(Order.class).maxAttempts(1).build(), (item) -> {
			throw new IllegalStateException("fails");
		}));
		tagged.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> tagged.deadLetterStream().length() == 1);
		await().atMost(WAIT).until(() -> tagged.consumerGroups().get(0).pending() == 0);
	}

	@Test
	void aHeartbeatNeverTakesBackAnEntryAnotherConsumerReclaimed() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<QueueItem<Order>> items = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).lease(Duration.ofMillis(400)).build(), (item) -> {
			items.add(item);
			started.countDown();
			release.await(30, TimeUnit.SECONDS);
		});
		String id = this.stream.add(new Order("o-1", 1));
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
		// another consumer takes the entry over, as after a long pause of this one
		redis().xclaim(this.stream.key(), "workers", "thief", 0, XClaimParams.xClaimParams(), new StreamEntryID(id));
		await().atMost(WAIT).until(() -> items.get(0).leaseLost());
		assertThat(this.stream.pendingEntries("workers", 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.consumer()).isEqualTo("thief"));
		release.countDown();
		// its outcome was not acknowledged here: the entry stays pending and, as the
		// thief never settles it, comes back once the thief's lease expires
		await().atMost(WAIT).until(() -> items.size() == 2);
		assertThat(items.get(1).attempts()).isGreaterThanOrEqualTo(2);
		awaitNothingPending("workers");
		assertThat(processor.stats().processed()).isEqualTo(2);
	}

	@Test
	void entriesDeletedFromTheStreamWhilePendingAreCleanedOutOfThePendingList() {
		this.stream.add(new Order("o-1", 1));
		this.stream.add(new Order("o-2", 2));
		redis().xgroupCreate(this.stream.key(), "workers", new StreamEntryID(), true);
		redis().xreadGroup("workers", "crashed", XReadGroupParams.xReadGroupParams().count(10),
				Map.of(this.stream.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
		redis().xtrim(this.stream.key(), 0, false);
		AtomicInteger handled = new AtomicInteger();
		process(options(Order.class).lease(Duration.ofMillis(200)).build(), (item) -> handled.incrementAndGet());
		awaitNothingPending("workers");
		assertThat(handled.get()).isZero();
	}

	@Test
	void nonObjectPayloadsWorkEndToEndDeadLettersIncluded() {
		List<Object> seen = new CopyOnWriteArrayList<>();
		process(options(Object.class).maxAttempts(1).build(), (item) -> {
			seen.add(item.data());
			throw new IllegalStateException("to the dead letters");
		});
		this.stream.add("plain text");
		this.stream.add(42);
		this.stream.add(List.of(1, 2, 3));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 3);
		assertThat(seen).containsExactlyInAnyOrder("plain text", 42, List.of(1, 2, 3));
		List<JsonNode> letters = deadLettersInOriginalOrder();
		assertThat(letters).extracting((letter) -> letter.path("_dlqPayload").toString())
			.containsExactly("\"plain text\"", "42", "[1,2,3]");
		assertThat(letters).allSatisfy(
				(letter) -> assertThat(letter.path("_dlqMetadata").path("payloadWrapped").asBoolean()).isTrue());
		assertThat(this.stream.redriveDeadLetters()).isEqualTo(3);
		assertThat(this.stream.latest(3)).extracting(StreamRecord::data)
			.containsExactlyInAnyOrder("[1,2,3]", "42", "\"plain text\"");
	}

}
