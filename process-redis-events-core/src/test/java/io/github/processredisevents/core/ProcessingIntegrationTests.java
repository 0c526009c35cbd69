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

import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What the other process-redis-events versions do: processing, events, retries, dead
 * letters, leases and reclaiming, as WIRE-FORMAT.md says.
 */
class ProcessingIntegrationTests extends RedisEventsTestSupport {

	@Test
	void processesAnAddedEventWithAttemptsZeroAndWorkingReportProgress() {
		List<QueueItem<Order>> seen = new CopyOnWriteArrayList<>();
		process(options(Order.class).produceEvents(true).build(), (item) -> {
			item.reportProgress(0.5, "halfway");
			seen.add(item);
		});
		String id = this.stream.add(new Order("o-1", 12.5));
		await().atMost(WAIT).until(() -> seen.size() == 1);
		QueueItem<Order> item = seen.get(0);
		assertThat(item.id()).isEqualTo(id);
		assertThat(item.data()).isEqualTo(new Order("o-1", 12.5));
		assertThat(item.attempts()).isZero();
		await().atMost(WAIT).until(() -> eventTypes(this.stream, id).contains("progress"));
		awaitNothingPending("workers");
	}

	@Test
	void writesEntriesInTheWireFormat() {
		String id = this.stream.add(new Order("o-1", 12.5));
		Map<String, String> fields = redis().xrange(this.stream.key(), (StreamEntryID) null, null, 1)
			.get(0)
			.getFields();
		assertThat(fields).containsOnlyKeys("data");
		assertThat(parse(fields.get("data"))).isEqualTo(parse("{\"orderId\":\"o-1\",\"amount\":12.5}"));
		assertThat(id).matches("\\d+-\\d+");
	}

	@Test
	void retriesAFailedEvent() {
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		process(options(Order.class).build(), (item) -> {
			attempts.add(item.attempts());
			if (item.attempts() == 0) {
				throw new IllegalStateException("first try fails");
			}
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> attempts.size() == 2);
		assertThat(attempts).containsExactly(0, 1);
		awaitNothingPending("workers");
	}

	@Test
	void retriesForeverWhenShouldRetryAlwaysSaysYes() {
		AtomicInteger calls = new AtomicInteger();
		StreamProcessor processor = process(options(Order.class).shouldRetry((attempts, order) -> true).build(),
				(item) -> {
					if (calls.incrementAndGet() < 8) {
						throw new IllegalStateException("not yet");
					}
				});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> calls.get() == 8);
		awaitNothingPending("workers");
		assertThat(this.stream.deadLetterStream().length()).isZero();
		assertThat(processor.stats().retried()).isEqualTo(7);
	}

	@Test
	void emitsStartedProgressAndCompletedEvents() {
		process(options(Order.class).produceEvents(true).build(), (item) -> item.reportProgress(0.3, "working"));
		String id = this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> eventTypes(this.stream, id).contains("completed"));
		assertThat(eventTypes(this.stream, id)).containsExactly("started", "progress", "completed");
		assertThat(events(this.stream, id).get(0)).isEqualTo(parse("{\"id\":\"" + id + "\",\"type\":\"started\"}"));
	}

	@Test
	void progressEventsCarryExactlyTheReportedRatiosAndStatusesInOrder() {
		process(options(Order.class).produceEvents(true).build(), (item) -> {
			item.reportProgress(0.0, "received");
			item.reportProgress(0.25, "validated");
			item.reportProgress(0.75, "charged");
			item.reportProgress(1.0, "done");
		});
		String id = this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> eventTypes(this.stream, id).contains("completed"));
		List<JsonNode> progress = events(this.stream, id).stream()
			.filter((event) -> event.path("type").asString().equals("progress"))
			.toList();
		assertThat(progress).extracting((event) -> event.path("completionRatio").asDouble())
			.containsExactly(0.0, 0.25, 0.75, 1.0);
		assertThat(progress).extracting((event) -> event.path("status").asString())
			.containsExactly("received", "validated", "charged", "done");
	}

	@Test
	void reportProgressRejectsRatiosOutsideZeroToOne() {
		List<String> errors = new CopyOnWriteArrayList<>();
		process(options(Order.class).build(), (item) -> {
			for (double ratio : new double[] { -0.1, 1.5, Double.NaN }) {
				try {
					item.reportProgress(ratio, "bad");
				}
				catch (IllegalArgumentException ex) {
					errors.add(ex.getMessage());
				}
			}
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> errors.size() == 3);
		assertThat(errors.get(0)).contains("'completionRatio' must lie between 0 and 1");
	}

	@Test
	void emitsAFailedEventWithTheExceptionsMessage() {
		process(options(Order.class).produceEvents(true).maxAttempts(1).build(), (item) -> {
			throw new IllegalStateException("card declined");
		});
		String id = this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> eventTypes(this.stream, id).contains("failed"));
		assertThat(events(this.stream, id)).anySatisfy((event) -> assertThat(event)
			.isEqualTo(parse("{\"id\":\"" + id + "\",\"type\":\"failed\",\"error\":\"card declined\"}")));
	}

	@Test
	void aHandlerRunningSeveralLeasesLongIsProcessedExactlyOnce() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ProcessOptions<Order> options = options(Order.class).lease(Duration.ofMillis(400)).build();
		process(options, (item) -> {
			calls.incrementAndGet();
			Thread.sleep(2000);
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> calls.get() == 1);
		StreamProcessor other = process(options, (item) -> calls.incrementAndGet());
		awaitNothingPending("workers");
		assertThat(this.stream.pendingEntries("workers", 10)).isEmpty();
		assertThat(calls.get()).isEqualTo(1);
		assertThat(other.stats().processed()).isZero();
	}

	@Test
	void reportsStreamInfo() {
		assertThat(this.stream.streamInfo()).isEmpty();
		this.stream.add(new Order("o-1", 1));
		this.stream.add(new Order("o-2", 2));
		StreamInfo info = this.stream.streamInfo().orElseThrow();
		assertThat(info.length()).isEqualTo(2);
		assertThat(info.entriesAdded()).isEqualTo(2);
		assertThat(info.groups()).isZero();
	}

	@Test
	void reportsConsumerGroupInfoWhileBusyAndAfter() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(2);
		process(options(Order.class).concurrency(2).batchSize(2).build(), (item) -> {
			started.countDown();
			release.await(30, TimeUnit.SECONDS);
		});
		this.stream.addAll(List.of(new Order("o-1", 1), new Order("o-2", 2), new Order("o-3", 3)));
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
		ConsumerGroupInfo busy = this.stream.consumerGroups().get(0);
		assertThat(busy.name()).isEqualTo("workers");
		assertThat(busy.consumers()).isEqualTo(1);
		// two run; a third may be fetched ahead and wait for a free worker
		assertThat(busy.pending()).isBetween(2L, 3L);
		assertThat(busy.entriesRead()).isEqualTo(busy.pending());
		assertThat(busy.lag()).isEqualTo(3 - busy.entriesRead());
		release.countDown();
		awaitNothingPending("workers");
		await().atMost(WAIT).until(() -> this.stream.consumerGroups().get(0).lag() == 0);
		ConsumerGroupInfo after = this.stream.consumerGroups().get(0);
		assertThat(after.entriesRead()).isEqualTo(3);
		assertThat(after.pending()).isZero();
	}

	@Test
	void shouldRetryFalsePreventsReprocessing() {
		AtomicInteger calls = new AtomicInteger();
		process(options(Order.class).shouldRetry((attempts, order) -> false).build(), (item) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("fails");
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
		assertThat(calls.get()).isEqualTo(1);
	}

	@Test
	void shouldRetrySeesIncreasingAttemptCountsStartingAtOne() {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		List<Order> payloads = new CopyOnWriteArrayList<>();
		process(options(Order.class).shouldRetry((attempts, order) -> {
			seen.add(attempts);
			payloads.add(order);
			return attempts < 4;
		}).build(), (item) -> {
			throw new IllegalStateException("fails");
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		assertThat(seen).containsExactly(1, 2, 3, 4);
		assertThat(payloads).containsOnly(new Order("o-1", 1));
	}

	@Test
	void aRejectedRetryLandsInTheDeadLetterStreamWithAllFiveMetadataMembersAndTheOriginalData() {
		StreamProcessor processor = process(
				options(Order.class).produceEvents(true).shouldRetry((attempts, order) -> attempts < 2).build(),
				(item) -> {
					throw new IllegalStateException("fails");
				});
		String id = this.stream.add(new Order("o-1", 12.5));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		JsonNode letter = parse(this.stream.deadLetterStream().oldest(1).get(0).data());
		assertThat(letter.path("orderId").asString()).isEqualTo("o-1");
		assertThat(letter.path("amount").asDouble()).isEqualTo(12.5);
		JsonNode metadata = letter.path("_dlqMetadata");
		assertThat(metadata.path("originalId").asString()).isEqualTo(id);
		assertThat(metadata.path("attempts").asInt()).isEqualTo(2);
		assertThat(metadata.path("consumerGroup").asString()).isEqualTo("workers");
		assertThat(metadata.path("consumerId").asString()).isEqualTo(processor.consumerId());
		assertThat(metadata.path("timestamp").asLong()).isCloseTo(System.currentTimeMillis(),
				org.assertj.core.data.Offset.offset(60_000L));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(events(this.stream, id)).last()
				.isEqualTo(parse("{\"id\":\"" + id + "\",\"type\":\"failed\",\"error\":\"Exceeded retry limit\"}")));
		awaitNothingPending("workers");
	}

	@Test
	void anAttemptLimitEventuallyDeadLetters() {
		AtomicInteger calls = new AtomicInteger();
		process(options(Order.class).maxAttempts(3).build(), (item) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("always fails");
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
		assertThat(calls.get()).isEqualTo(3);
		JsonNode metadata = parse(this.stream.deadLetterStream().oldest(1).get(0).data()).path("_dlqMetadata");
		assertThat(metadata.path("attempts").asInt()).isEqualTo(3);
		assertThat(metadata.path("error").asString()).isEqualTo("always fails");
	}

	@Test
	void withDeadLettersOffAGivenUpEntryIsOnlyAcknowledged() {
		process(options(Order.class).maxAttempts(1).deadLetter(false).build(), (item) -> {
			throw new IllegalStateException("fails");
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT)
			.until(() -> !this.stream.consumerGroups().isEmpty() && pending("workers") == 0
					&& this.stream.consumerGroups().get(0).entriesRead() == 1);
		assertThat(this.stream.deadLetterStream().length()).isZero();
	}

	@Test
	void aSecondConsumerReclaimsTheEntriesOfAConsumerThatStoppedHeartbeating() {
		this.stream.add(new Order("o-1", 1));
		this.stream.add(new Order("o-2", 2));
		redis().xgroupCreate(this.stream.key(), "workers", new StreamEntryID(), true);
		// a consumer that reads and then dies: no heartbeat, no ack
		redis().xreadGroup("workers", "crashed", XReadGroupParams.xReadGroupParams().count(10),
				Map.of(this.stream.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
		List<QueueItem<Order>> seen = new CopyOnWriteArrayList<>();
		process(options(Order.class).lease(Duration.ofMillis(300)).build(), seen::add);
		await().atMost(WAIT).until(() -> seen.size() == 2);
		assertThat(seen).extracting(QueueItem::attempts).containsOnly(1);
		awaitNothingPending("workers");
	}

	@Test
	void aBatchMapperMapsEachFetchedBatchBeforeTheHandlerSeesItsItems() {
		List<String> seen = new CopyOnWriteArrayList<>();
		List<Integer> batchSizes = new CopyOnWriteArrayList<>();
		StreamProcessor processor = started(
				this.stream.process(options(Order.class).batchSize(10).build(), (orders) -> {
					batchSizes.add(orders.size());
					return orders.stream().map((order) -> order.orderId().toUpperCase()).toList();
				}, (QueueItem<String> item) -> seen.add(item.data())));
		this.stream.addAll(List.of(new Order("a", 1), new Order("b", 2), new Order("c", 3)));
		await().atMost(WAIT).until(() -> seen.size() == 3);
		assertThat(seen).containsExactlyInAnyOrder("A", "B", "C");
		assertThat(batchSizes).allSatisfy((size) -> assertThat(size).isBetween(1, 3));
		assertThat(processor.stats().processed()).isEqualTo(3);
	}

	@Test
	void aBatchMapperResultOfTheWrongLengthFailsTheBatch() {
		AtomicInteger handled = new AtomicInteger();
		StreamProcessor processor = started(this.stream.process(options(Order.class).maxAttempts(1).build(),
				(orders) -> List.of(), (QueueItem<Object> item) -> handled.incrementAndGet()));
		this.stream.add(new Order("a", 1));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		assertThat(handled.get()).isZero();
		assertThat(processor.stats().failed()).isEqualTo(1);
		JsonNode metadata = parse(this.stream.deadLetterStream().oldest(1).get(0).data()).path("_dlqMetadata");
		assertThat(metadata.path("error").asString()).contains("Batch mapper returned 0 items for a batch of 1");
	}

	@Test
	void atMostConcurrencyHandlersRunAtOnce() {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger highest = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		process(options(Order.class).concurrency(3).batchSize(20).build(), (item) -> {
			highest.accumulateAndGet(running.incrementAndGet(), Math::max);
			Thread.sleep(20);
			running.decrementAndGet();
			done.incrementAndGet();
		});
		for (int i = 0; i < 30; i++) {
			this.stream.add(new Order("o-" + i, i));
		}
		await().atMost(WAIT).until(() -> done.get() == 30);
		assertThat(highest.get()).isEqualTo(3);
	}

	@Test
	void startFromLatestSkipsEntriesAddedBeforeTheGroupExisted() throws Exception {
		this.stream.add(new Order("old", 1));
		List<String> seen = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).startFrom(StartFrom.LATEST).build(),
				(item) -> seen.add(item.data().orderId()));
		assertThat(processor.awaitRunning(WAIT)).isTrue();
		this.stream.add(new Order("new", 2));
		await().atMost(WAIT).until(() -> seen.contains("new"));
		assertThat(seen).containsExactly("new");
	}

	@Test
	void generatesA21CharacterConsumerIdWhenNoneIsGiven() {
		StreamProcessor processor = process(options(Order.class).build(), (item) -> {
		});
		assertThat(processor.consumerId()).matches("[A-Za-z0-9_-]{21}");
		StreamProcessor named = process(options(Order.class).consumerId("billing-1").build(), (item) -> {
		});
		assertThat(named.consumerId()).isEqualTo("billing-1");
	}

	@Test
	void invalidOptionsAreRejectedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessOptions.builder(Order.class).batchSize(0))
			.withMessage("'batchSize' must be greater than zero, but was 0");
	}

}
