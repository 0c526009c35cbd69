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
import java.util.Set;
import java.util.stream.Collectors;

import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.StreamPendingEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios 1 to 3: consumer JVMs killed, terminated and paused while handlers run.
 */
class ConsumerCrashIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	@Test
	void entriesOfAKilledConsumerAreTakenOverAfterTheLease() throws Exception {
		try (Scenario scenario = Scenario.start("s1")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			ConsumerProcess victim = scenario
				.track(ConsumerProcess.start(scenario.ledger(), "victim", scenario.childSettings(2000, 10, 700)));
			StreamProcessor survivor = scenario.consume(events,
					Scenario.options("survivor", LEASE).concurrency(4).batchSize(4).build(), 700);
			LedgerWriter producer = scenario.ledger().writer("producer");
			for (String id : stream.addAll(payloads(60))) {
				producer.added(id);
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> scenario.ledger()
					.records()
					.stream()
					.anyMatch((r) -> r.kind() == LedgerRecord.Kind.DONE && r.consumer().equals("victim")));
			victim.signal("KILL");
			long killed = System.nanoTime();
			assertThat(victim.awaitExit(Duration.ofSeconds(10))).isTrue();
			List<StreamPendingEntry> pending = scenario.probe().pendingEntries();
			long inFlight = pending.stream().filter((entry) -> entry.getConsumerName().equals("victim")).count();
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(killed, probe.acknowledged(), Duration.ofSeconds(40));
			Duration drain = probe.awaitDrain(killed, Duration.ofSeconds(50), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("1", "SIGKILL a consumer JVM with handlers in flight (lease 2 s)", figures,
					inFlight + " in flight at the kill; recovery and drain counted from the kill, lease included");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.dup()).isLessThanOrEqualTo((int) inFlight);
			assertThat(survivor.health().loopAlive()).isTrue();
		}
	}

	static List<String> payloads(int count) {
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			payloads.add("item-" + i);
		}
		return payloads;
	}

	static Set<String> ids(List<LedgerRecord> records, LedgerRecord.Kind kind, String consumer) {
		return records.stream()
			.filter((r) -> r.kind() == kind && r.consumer().equals(consumer))
			.map(LedgerRecord::id)
			.collect(Collectors.toSet());
	}

}
