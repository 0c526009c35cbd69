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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamPendingEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios 4 and 5: long handlers keep their leases; racing reclaimers never take an
 * entry twice.
 */
class LeaseIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	@Test
	void handlersRunningFiveLeasesAreNeverReclaimed() throws Exception {
		try (Scenario scenario = Scenario.start("s4")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			scenario.consume(events, Scenario.options("a", LEASE).concurrency(3).batchSize(3).build(), 5000);
			scenario.consume(events, Scenario.options("b", LEASE).concurrency(3).batchSize(3).build(), 5000);
			AtomicLong maxDeliveries = new AtomicLong();
			AtomicLong maxIdle = new AtomicLong();
			AtomicLong samples = new AtomicLong();
			GroupProbe probe = scenario.probe();
			Thread sampler = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					for (StreamPendingEntry entry : probe.pendingEntries()) {
						maxDeliveries.accumulateAndGet(entry.getDeliveredTimes(), Math::max);
						maxIdle.accumulateAndGet(entry.getIdleTime(), Math::max);
					}
					samples.incrementAndGet();
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			sampler.start();
			LedgerWriter producer = scenario.ledger().writer("producer");
			long start = System.nanoTime();
			stream.addAll(ConsumerCrashIntegrationTests.payloads(6)).forEach(producer::added);
			Duration drain = probe.awaitDrain(start, Duration.ofSeconds(40), null);
			sampler.interrupt();
			sampler.join();
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("4", "Handlers running 5 leases (5 s, lease 1 s) on 2 consumers", figures,
					"max delivery count " + maxDeliveries.get() + "; longest idle seen " + maxIdle.get()
							+ " ms (lease 1000 ms) over " + samples.get() + " samples");
			assertThat(maxDeliveries.get()).isEqualTo(1);
			assertThat(figures.dup()).isZero();
			assertThat(figures.lost()).isZero();
			assertThat(scenario.ledger().count(LedgerRecord.Kind.STARTED)).isEqualTo(6);
		}
	}

	@Test
	void consumersRacingForReclaimsNeverTakeAnEntryTwice() throws Exception {
		try (Scenario scenario = Scenario.start("s5")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			LedgerWriter producer = scenario.ledger().writer("producer");
			stream.addAll(ConsumerCrashIntegrationTests.payloads(2000)).forEach(producer::added);
			try (Jedis jedis = new Jedis(scenario.redis().host(), scenario.redis().port())) {
				jedis.xgroupCreate(stream.key(), Scenario.GROUP, new StreamEntryID(), false);
				jedis.xreadGroup(Scenario.GROUP, "ghost", XReadGroupParams.xReadGroupParams().count(2000),
						Map.of(stream.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
			}
			assertThat(scenario.probe().pending()).isEqualTo(2000);
			Scenario.pause(LEASE);
			long start = System.nanoTime();
			for (String name : List.of("r1", "r2", "r3")) {
				var options = Scenario.options(name, LEASE).concurrency(10).batchSize(50).build();
				RecordingHandler<String> handler = new RecordingHandler<>(scenario.ledger().writer(name), name,
						(item) -> jitter());
				scenario.track(stream.process(options, handler));
			}
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(start, probe.acknowledged(), Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(start, Duration.ofSeconds(50), null);
			Map<String, Long> starts = scenario.ledger()
				.records()
				.stream()
				.filter((r) -> r.kind() == LedgerRecord.Kind.STARTED)
				.collect(Collectors.groupingBy(LedgerRecord::id, Collectors.counting()));
			long handledTwice = starts.values().stream().filter((count) -> count > 1).count();
			Map<String, Long> perConsumer = scenario.ledger()
				.records()
				.stream()
				.filter((r) -> r.kind() == LedgerRecord.Kind.DONE)
				.collect(Collectors.groupingBy(LedgerRecord::consumer, java.util.TreeMap::new, Collectors.counting()));
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 3);
			ReliabilityReport.add("5", "3 consumers racing to reclaim 2,000 entries of a dead one (jitter 0-300 ms)",
					figures, handledTwice + " entries handled twice (steal-backs); done per consumer " + perConsumer);
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(handledTwice).isZero();
			assertThat(figures.dup()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	private static long jitter() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return (random.nextInt(50) == 0) ? random.nextLong(100, 300) : random.nextLong(0, 10);
	}

}
