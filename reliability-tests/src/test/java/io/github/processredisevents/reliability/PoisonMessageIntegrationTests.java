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

package io.github.processredisevents.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.Backoff;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.QueueHandler;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios 11 and 12: poison messages, and entries trimmed or deleted while pending.
 */
class PoisonMessageIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final String DLQ = "stream:dlq:" + Scenario.STREAM;

	@Test
	void poisonMessagesEndInTheDeadLetterStreamAndTheLoopLivesOn() throws Exception {
		try (Scenario scenario = Scenario.start("s11")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			LedgerWriter ledger = scenario.ledger().writer("c1");
			QueueHandler<Order> handler = (item) -> {
				ledger.started(item.id(), "c1", item.attempts());
				String orderId = item.data().orderId();
				if (orderId.equals("poison")) {
					throw new IllegalStateException("always fails");
				}
				if (orderId.equals("error-always") || (orderId.equals("error-once") && item.attempts() == 0)) {
					throw new AssertionError("an Error from the handler");
				}
				ledger.done(item.id(), "c1", item.attempts());
			};
			StreamProcessor consumer = scenario.track(stream.process(orderOptions("c1").build(), handler));
			LedgerWriter producer = scenario.ledger().writer("producer");
			List<String> good = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				good.add(stream.addJson("{\"orderId\":\"ok-" + i + "\",\"amount\":" + i + "}"));
			}
			String poison = stream.addJson("{\"orderId\":\"poison\",\"amount\":1}");
			String errorOnce = stream.addJson("{\"orderId\":\"error-once\",\"amount\":1}");
			String errorAlways = stream.addJson("{\"orderId\":\"error-always\",\"amount\":1}");
			String undecodable = stream.addJson("not json {");
			String wrongType = stream.addJson("{\"orderId\":\"wrong\",\"amount\":\"lots\"}");
			String oversized = stream
				.addJson("{\"orderId\":\"big\",\"amount\":1,\"pad\":\"" + "x".repeat(5000) + "\"}");
			List<String> all = new ArrayList<>(good);
			all.addAll(List.of(poison, errorOnce, errorAlways, undecodable, wrongType, oversized));
			all.forEach(producer::added);
			GroupProbe probe = scenario.probe();
			long start = System.nanoTime();
			Duration drain = probe.awaitDrain(start, Duration.ofSeconds(40), null);
			Map<String, JsonNode> letters = new java.util.HashMap<>();
			for (JsonNode letter : probe.deadLetters(DLQ)) {
				letters.put(letter.path("_dlqMetadata").path("originalId").asString(), letter);
			}
			Figures figures = Figures.of(scenario.ledger(), probe, DLQ, null, drain, scenario.alive(), 1);
			ReliabilityReport.add("11",
					"Poison messages: always-failing, Error-throwing, undecodable, wrongly typed,"
							+ " oversized (maxAttempts 3, limit 1 KiB)",
					figures,
					letters.size() + " dead-lettered; undecodable, wrongly typed and oversized at the first delivery"
							+ " without reaching the handler; the oversized one never decoded; the loop survived"
							+ " handler Errors");
			assertThat(letters).containsOnlyKeys(poison, errorAlways, undecodable, wrongType, oversized);
			assertThat(letters.get(poison).path("_dlqMetadata").path("attempts").asInt()).isEqualTo(3);
			assertThat(letters.get(errorAlways).path("_dlqMetadata").path("attempts").asInt()).isEqualTo(3);
			List<String> handled = scenario.ledger()
				.records()
				.stream()
				.filter((r) -> r.kind() == LedgerRecord.Kind.STARTED)
				.map(LedgerRecord::id)
				.toList();
			assertThat(handled).doesNotContain(undecodable, wrongType, oversized);
			assertThat(Order.decoded).doesNotContainKey("big");
			assertThat(consumer.health().loopAlive()).isTrue();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.dup()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void anErrorFromTheBatchMapperOrRetryPredicateDoesNotKillTheLoop() throws Exception {
		try (Scenario scenario = Scenario.start("s11b")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			LedgerWriter ledger = scenario.ledger().writer("c1");
			ProcessOptions<Order> options = orderOptions("c1").shouldRetry((attempts, order) -> {
				if (order.orderId().equals("predicate-error")) {
					throw new AssertionError("an Error from the retry predicate");
				}
				return true;
			}).build();
			StreamProcessor consumer = scenario.track(stream.process(options, (List<Order> orders) -> {
				if (orders.stream().anyMatch((order) -> order.orderId().equals("mapper-error"))) {
					throw new NoClassDefFoundError("an Error from the batch mapper");
				}
				return orders;
			}, (item) -> {
				ledger.started(item.id(), "c1", item.attempts());
				if (item.data().orderId().equals("predicate-error") && item.attempts() == 0) {
					throw new IllegalStateException("fails once, so that the predicate is asked");
				}
				ledger.done(item.id(), "c1", item.attempts());
			}));
			LedgerWriter producer = scenario.ledger().writer("producer");
			producer.added(stream.addJson("{\"orderId\":\"mapper-error\",\"amount\":1}"));
			producer.added(stream.addJson("{\"orderId\":\"predicate-error\",\"amount\":1}"));
			await().atMost(Duration.ofSeconds(20)).until(() -> probe(scenario).deadLetteredIds(DLQ).size() == 2);
			for (int i = 0; i < 10; i++) {
				producer.added(stream.addJson("{\"orderId\":\"after-" + i + "\",\"amount\":1}"));
			}
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(30), null);
			Figures figures = Figures.of(scenario.ledger(), probe, DLQ, null, drain, scenario.alive(), 1);
			ReliabilityReport.add("11b", "Errors thrown by the batch mapper and the retry predicate", figures,
					"both entries dead-lettered after 3 attempts; the fetch loop survived");
			assertThat(consumer.health().loopAlive()).isTrue();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void entriesDeletedWhilePendingAreDroppedNotRetriedForever() throws Exception {
		try (Scenario scenario = Scenario.start("s12")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			List<String> ghostIds = stream.addAll(ConsumerCrashIntegrationTests.payloads(30));
			try (Jedis jedis = new Jedis(scenario.redis().host(), scenario.redis().port())) {
				jedis.xgroupCreate(stream.key(), Scenario.GROUP, new StreamEntryID(), false);
				jedis.xreadGroup(Scenario.GROUP, "ghost", XReadGroupParams.xReadGroupParams().count(30),
						Map.of(stream.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
				for (String id : ghostIds.subList(0, 15)) {
					jedis.xdel(stream.key(), new StreamEntryID(id));
				}
			}
			LedgerWriter producer = scenario.ledger().writer("producer");
			ghostIds.subList(15, 30).forEach(producer::added);
			List<String> failing = stream.addAll(List.of("fail-1", "fail-2", "fail-3", "fail-4", "fail-5"));
			LedgerWriter ledger = scenario.ledger().writer("c1");
			StreamProcessor consumer = scenario.track(stream.process(Scenario.options("c1", LEASE).build(), (item) -> {
				ledger.started(item.id(), "c1", item.attempts());
				if (item.data().startsWith("fail")) {
					throw new IllegalStateException("fails until deleted");
				}
				ledger.done(item.id(), "c1", item.attempts());
			}));
			await().atMost(Duration.ofSeconds(30)).until(() -> scenario.ledger().count(LedgerRecord.Kind.DONE) == 15);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> scenario.ledger()
					.records()
					.stream()
					.filter((r) -> r.kind() == LedgerRecord.Kind.STARTED && failing.contains(r.id())
							&& r.attempt() >= 1)
					.map(LedgerRecord::id)
					.distinct()
					.count() == failing.size());
			try (Jedis jedis = new Jedis(scenario.redis().host(), scenario.redis().port())) {
				jedis.xtrim(stream.key(), redis.clients.jedis.params.XTrimParams.xTrimParams()
					.minId(new StreamEntryID(failing.get(4)).toString()));
				jedis.xdel(stream.key(), new StreamEntryID(failing.get(4)));
			}
			long deleted = System.nanoTime();
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(deleted, Duration.ofSeconds(30), null);
			long startsAfterCleanup = scenario.ledger().count(LedgerRecord.Kind.STARTED);
			Scenario.pause(Duration.ofSeconds(2));
			long laterStarts = scenario.ledger().count(LedgerRecord.Kind.STARTED) - startsAfterCleanup;
			long ghostDeletedHandled = scenario.ledger()
				.records()
				.stream()
				.filter((r) -> ghostIds.subList(0, 15).contains(r.id()))
				.count();
			Figures figures = Figures.of(scenario.ledger(), probe, DLQ, null, drain, scenario.alive(), 1);
			ReliabilityReport.add("12", "Entries deleted (XDEL) or trimmed (XTRIM MINID) while pending", figures,
					"15 deleted entries of a dead consumer and 5 failing entries trimmed while retried were dropped"
							+ " from the pending list; " + (ghostDeletedHandled + laterStarts)
							+ " handler calls for them afterwards; drain from the trim");
			assertThat(ghostDeletedHandled).isZero();
			assertThat(laterStarts).isZero();
			assertThat(consumer.health().loopAlive()).isTrue();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	private static GroupProbe probe(Scenario scenario) {
		return scenario.probe();
	}

	private static ProcessOptions.Builder<Order> orderOptions(String consumer) {
		return ProcessOptions.builder(Order.class)
			.group(Scenario.GROUP)
			.consumerId(consumer)
			.startFrom(StartFrom.OLDEST)
			.lease(LEASE)
			.maxAttempts(3)
			.backoff(Backoff.fixed(Duration.ofMillis(50)))
			.maxPayloadBytes(1024);
	}

}
