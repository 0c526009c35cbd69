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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch handlers: one call per read, and what each way of failing does to each entry.
 */
class BatchHandlerIntegrationTests extends RedisEventsTestSupport {

	@Test
	void aBatchHandlerReceivesTheEntriesOfOneReadInOneCallAndReturningAcknowledgesThemAll() {
		List<List<String>> calls = new CopyOnWriteArrayList<>();
		addOrders("a", "b", "c", "d", "e");
		StreamProcessor processor = this.stream.processBatches(options(Order.class).batchSize(10).build(),
				(items) -> calls.add(ids(items)));
		started(processor);
		await().atMost(WAIT).until(() -> calls.size() == 1);
		awaitNothingPending("workers");
		assertThat(calls).containsExactly(List.of("a", "b", "c", "d", "e"));
		assertThat(processor.stats().processed()).isEqualTo(5);
	}

	@Test
	void batchFailedExceptionAcknowledgesTheEntriesBeforeFailsTheOneAtItsIndexAndHandsBackTheRest() {
		List<String> handled = new CopyOnWriteArrayList<>();
		addOrders("a", "b", "c", "d", "e");
		started(this.stream.processBatches(options(Order.class).maxAttempts(1).build(), (items) -> {
			boolean first = handled.isEmpty();
			items.forEach((item) -> handled.add(item.data().orderId() + "@" + item.attempts()));
			if (first) {
				throw new BatchFailedException(2, new IllegalStateException("cannot ship c"));
			}
		}));
		await().atMost(WAIT).until(() -> handled.size() == 7);
		awaitNothingPending("workers");
		// d and e come back with their attempts unchanged: maxAttempts = 1 would have
		// dead-lettered them on a counted redelivery
		assertThat(handled.subList(0, 5)).containsExactly("a@0", "b@0", "c@0", "d@0", "e@0");
		assertThat(handled.subList(5, 7)).containsExactlyInAnyOrder("d@0", "e@0");
		List<JsonNode> letters = deadLettersInOriginalOrder();
		assertThat(letters).hasSize(1);
		assertThat(letters.get(0).path("orderId").asString()).isEqualTo("c");
		assertThat(letters.get(0).path("_dlqMetadata").path("error").asString()).isEqualTo("cannot ship c");
		assertThat(letters.get(0).path("_dlqMetadata").path("errorType").asString())
			.isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void anyOtherExceptionFailsTheAttemptOfEveryEntry() {
		List<String> calls = new CopyOnWriteArrayList<>();
		addOrders("a", "b", "c");
		started(this.stream.processBatches(options(Order.class).maxAttempts(2).build(), (items) -> {
			calls.add(String.join(",", ids(items)) + "@" + items.get(0).attempts());
			throw new IllegalStateException("bulk insert failed");
		}));
		await().atMost(WAIT).until(() -> this.stream.deadLetterStream().length() == 3);
		awaitNothingPending("workers");
		assertThat(calls).first().isEqualTo("a,b,c@0");
		assertThat(calls.stream()
			.filter((call) -> call.endsWith("@1"))
			.flatMap((call) -> List.of(call.substring(0, call.indexOf('@')).split(",")).stream()))
			.containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void undecodableEntriesAreDeadLetteredBeforeTheBatchIsBuilt() {
		List<List<String>> calls = new CopyOnWriteArrayList<>();
		this.stream.add(new Order("a", 1));
		this.stream.addJson("{not json");
		this.stream.add(new Order("b", 1));
		started(this.stream.processBatches(options(Order.class).build(), (items) -> calls.add(ids(items))));
		await().atMost(WAIT).until(() -> calls.size() == 1 && this.stream.deadLetterStream().length() == 1);
		awaitNothingPending("workers");
		assertThat(calls).containsExactly(List.of("a", "b"));
	}

	@Test
	void eventsAndProgressStayPerEntry() {
		List<String> ids = new CopyOnWriteArrayList<>();
		addOrders("a", "b");
		started(this.stream.processBatches(options(Order.class).produceEvents(true).build(), (items) -> {
			items.forEach((item) -> {
				ids.add(item.id());
				item.reportProgress(0.5, "half");
			});
		}));
		await().atMost(WAIT).until(() -> ids.size() == 2);
		awaitNothingPending("workers");
		for (String id : ids) {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(eventTypes(this.stream, id)).containsExactly("started", "progress",
						"completed"));
		}
	}

	private void addOrders(String... ids) {
		for (String id : ids) {
			this.stream.add(new Order(id, 1));
		}
	}

	private static List<String> ids(List<QueueItem<Order>> items) {
		return items.stream().map((item) -> item.data().orderId()).toList();
	}

}
