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

	@Test
	void gracefulStopAcknowledgesFinishedEntriesAndReadsNothingMore() throws Exception {
		try (Scenario scenario = Scenario.start("s2")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			ConsumerProcess stopper = scenario
				.track(ConsumerProcess.start(scenario.ledger(), "stopper", scenario.childSettings(2000, 5, 1500)));
			LedgerWriter producer = scenario.ledger().writer("producer");
			for (String id : stream.addAll(payloads(20))) {
				producer.added(id);
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ids(scenario.ledger().records(), LedgerRecord.Kind.STARTED, "stopper").size() >= 5);
			stopper.signal("TERM");
			stopper.awaitOutput("STOPPING", Duration.ofSeconds(10));
			long stopBegan = System.nanoTime();
			List<String> addedAfterStop = stream.addAll(payloads(20));
			addedAfterStop.forEach(producer::added);
			assertThat(stopper.awaitExit(Duration.ofSeconds(30))).isTrue();
			assertThat(stopper.output()).contains("STOPPED");
			List<LedgerRecord> records = scenario.ledger().records();
			Set<String> finished = ids(records, LedgerRecord.Kind.DONE, "stopper");
			Set<String> startedByStopper = ids(records, LedgerRecord.Kind.STARTED, "stopper");
			List<StreamPendingEntry> pending = scenario.probe().pendingEntries();
			Set<String> pendingAtStopper = pending.stream()
				.filter((entry) -> entry.getConsumerName().equals("stopper"))
				.map((entry) -> entry.getID().toString())
				.collect(Collectors.toSet());
			assertThat(finished).as("finished entries are acknowledged").doesNotContainAnyElementsOf(pendingAtStopper);
			assertThat(startedByStopper).as("nothing added after stop began is handled")
				.doesNotContainAnyElementsOf(addedAfterStop);
			assertThat(pendingAtStopper).as("nothing read after stop began")
				.doesNotContainAnyElementsOf(addedAfterStop);
			scenario.consume(events, Scenario.options("successor", LEASE).build(), 20);
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(stopBegan, probe.acknowledged(), Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(stopBegan, Duration.ofSeconds(40), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("2", "SIGTERM a consumer JVM with handlers in flight (finishing within the timeout)",
					figures, finished.size() + " finished and acknowledged during the stop; " + pendingAtStopper.size()
							+ " left pending; 0 of 20 entries added after the stop began read by it");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.dup()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void handlersOutlivingTheShutdownTimeoutLeaveTheirEntriesToOthers() throws Exception {
		try (Scenario scenario = Scenario.start("s2b")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			java.util.Map<String, Object> settings = scenario.childSettings(2000, 5, 30_000);
			settings.put("shutdownMs", 500);
			ConsumerProcess stopper = scenario.track(ConsumerProcess.start(scenario.ledger(), "stopper", settings));
			LedgerWriter producer = scenario.ledger().writer("producer");
			for (String id : stream.addAll(payloads(5))) {
				producer.added(id);
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ids(scenario.ledger().records(), LedgerRecord.Kind.STARTED, "stopper").size() >= 5);
			stopper.signal("TERM");
			long stopBegan = System.nanoTime();
			assertThat(stopper.awaitExit(Duration.ofSeconds(30))).isTrue();
			long leftPending = scenario.probe().pending();
			scenario.consume(events, Scenario.options("successor", LEASE).build(), 20);
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(stopBegan, probe.acknowledged(), Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(stopBegan, Duration.ofSeconds(40), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("2b", "SIGTERM with handlers outliving the shutdown timeout (0.5 s)", figures,
					leftPending + " left pending for others, then taken over");
			assertThat(leftPending).isEqualTo(5);
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.dup()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void aConsumerPausedPastItsLeaseDoesNotTakeItsEntriesBack() throws Exception {
		try (Scenario scenario = Scenario.start("s3")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			ConsumerProcess sleeper = scenario
				.track(ConsumerProcess.start(scenario.ledger(), "sleeper", scenario.childSettings(2000, 5, 9000)));
			LedgerWriter producer = scenario.ledger().writer("producer");
			List<String> slow = stream.addAll(List.of("slow-1", "slow-2", "slow-3", "slow-4", "slow-5"));
			slow.forEach(producer::added);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ids(scenario.ledger().records(), LedgerRecord.Kind.STARTED, "sleeper").size() == 5);
			sleeper.signal("STOP");
			StreamProcessor other = scenario.consume(events, Scenario.options("other", LEASE).build(), 4000);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ids(scenario.ledger().records(), LedgerRecord.Kind.STARTED, "other").containsAll(slow));
			sleeper.signal("CONT");
			long resumed = System.nanoTime();
			sleeper.awaitOutput("lost the lease", Duration.ofSeconds(20));
			assertThat(scenario.probe().pendingEntries()).filteredOn((entry) -> slow.contains(entry.getID().toString()))
				.allSatisfy((entry) -> assertThat(entry.getConsumerName()).isEqualTo("other"));
			other.stop();
			List<String> fresh = stream.addAll(List.of("fast-1", "fast-2", "fast-3", "fast-4", "fast-5"));
			fresh.forEach(producer::added);
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(resumed, Duration.ofSeconds(30), null);
			assertThat(ids(scenario.ledger().records(), LedgerRecord.Kind.DONE, "sleeper")).containsAll(fresh);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					sleeper.isAlive() ? 1 : 0, 1);
			long abandoned = ids(scenario.ledger().records(), LedgerRecord.Kind.ABANDONED, "sleeper").size();
			ReliabilityReport.add("3", "SIGSTOP a consumer JVM past its lease, SIGCONT after another took over",
					figures,
					"lost lease logged; " + abandoned
							+ " handlers saw leaseLost() and stopped; taken entries stayed with the other consumer;"
							+ " new work done by the resumed one; drain from SIGCONT");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.dup()).isZero();
			assertThat(figures.pending()).isZero();
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
