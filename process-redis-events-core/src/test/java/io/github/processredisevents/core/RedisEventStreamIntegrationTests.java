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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stream handle: adding, trimming, inspecting, clearing and redriving.
 */
class RedisEventStreamIntegrationTests extends RedisEventsTestSupport {

	@Test
	void addAllPipelinesEntriesAndReturnsTheirIdsInOrder() {
		List<String> ids = this.stream.addAll(List.of(new Order("a", 1), new Order("b", 2), new Order("c", 3)));
		assertThat(ids).hasSize(3);
		assertThat(this.stream.oldest(10)).extracting(StreamRecord::id).containsExactlyElementsOf(ids);
	}

	@Test
	void trimsToAboutAMaximumLengthOnAdd() {
		RedisEventStream trimmed = this.stream.withTrim(TrimPolicy.maxLength(100));
		List<Integer> payloads = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			payloads.add(i);
		}
		trimmed.addAll(payloads);
		assertThat(trimmed.length()).isBetween(100L, 1000L);
		assertThat(this.stream.streamInfo().orElseThrow().entriesAdded()).isEqualTo(2000);
	}

	@Test
	void trimsEntriesOlderThanAMaximumAgeOnAdd() {
		this.stream.add(1);
		this.stream.add(2);
		Clock tomorrow = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
		RedisEventStream trimmed = this.stream.withTrim(TrimPolicy.maxAge(Duration.ofHours(1), tomorrow));
		List<Integer> payloads = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			payloads.add(i);
		}
		trimmed.addAll(payloads);
		assertThat(trimmed.length()).isLessThan(502);
	}

	@Test
	void clearDeletesTheStream() {
		this.stream.add(1);
		this.stream.clear();
		assertThat(this.stream.streamInfo()).isEmpty();
		assertThat(this.stream.length()).isZero();
	}

	@Test
	void deadLettersAndEventsAreStreamsOfTheirOwn() {
		assertThat(this.stream.deadLetterStream().key()).isEqualTo("stream:dlq:" + this.stream.name());
		assertThat(this.stream.eventStream().key()).isEqualTo("stream:events:" + this.stream.name());
		assertThat(this.stream.key()).isEqualTo("stream:" + this.stream.name());
	}

	@Test
	void theEventStreamCanBeProcessedLikeAnyOther() {
		process(options(Order.class).produceEvents(true).build(), (item) -> {
		});
		List<String> types = new java.util.concurrent.CopyOnWriteArrayList<>();
		started(this.stream.eventStream()
			.process(ProcessOptions.builder(JsonNode.class).group("watchers").startFrom(StartFrom.OLDEST).build(),
					(item) -> types.add(item.data().path("type").asString())));
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> types.contains("completed"));
		// handled in parallel: the order of the events in their stream is tested
		// elsewhere
		assertThat(types).containsExactlyInAnyOrder("started", "completed");
	}

	@Test
	void redriveMovesDeadLettersBackWithoutMetadata() {
		Set<String> failed = ConcurrentHashMap.newKeySet();
		process(options(Order.class).shouldRetry((attempts, order) -> false).build(), (item) -> {
			// a redriven entry is a new entry: fail each order once only, or it is
			// dead-lettered again while the test looks
			if (failed.add(item.data().orderId())) {
				throw new IllegalStateException("fails once");
			}
		});
		this.stream.add(new Order("o-1", 12.5));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 1);
		assertThat(this.stream.redriveDeadLetters()).isEqualTo(1);
		assertThat(this.stream.deadLetterStream().length()).isZero();
		assertThat(parse(this.stream.latest(1).get(0).data()))
			.isEqualTo(parse("{\"orderId\":\"o-1\",\"amount\":12.5}"));
	}

	@Test
	void redrivesAndDeletesChosenDeadLettersOnly() {
		Set<String> failed = ConcurrentHashMap.newKeySet();
		process(options(Order.class).shouldRetry((attempts, order) -> false).build(), (item) -> {
			// a redriven entry is a new entry: fail each order once only, or it is
			// dead-lettered again while the test looks
			if (failed.add(item.data().orderId())) {
				throw new IllegalStateException("fails once");
			}
		});
		this.stream.addAll(List.of(new Order("o-1", 1), new Order("o-2", 2), new Order("o-3", 3)));
		RedisEventStream deadLetters = this.stream.deadLetterStream();
		await().atMost(WAIT).until(() -> deadLetters.length() == 3);
		List<String> ids = deadLetters.oldest(3).stream().map(StreamRecord::id).toList();
		assertThat(deadLetters.entry(ids.get(0))).isNotNull();
		assertThat(this.stream.redriveDeadLetters(List.of(ids.get(0), "1-1"))).isEqualTo(1);
		assertThat(deadLetters.entry(ids.get(0))).isNull();
		assertThat(this.stream.deleteDeadLetters(List.of(ids.get(1)))).isEqualTo(1);
		assertThat(deadLetters.oldest(10)).extracting(StreamRecord::id).containsExactly(ids.get(2));
		assertThat(this.stream.deleteDeadLetters(List.of())).isZero();
	}

	@Test
	void pendingEntriesListsTheMostDeliveredFirst() {
		this.stream.add(1);
		process(options(Integer.class).lease(Duration.ofMinutes(1)).build(), (item) -> {
			throw new IllegalStateException("keeps failing");
		});
		await().atMost(WAIT)
			.until(() -> !this.stream.pendingEntries("workers", 10).isEmpty()
					&& this.stream.pendingEntries("workers", 10).get(0).deliveries() >= 2);
		PendingEntry entry = this.stream.pendingEntries("workers", 10).get(0);
		assertThat(entry.consumer()).isNotBlank();
	}

}
