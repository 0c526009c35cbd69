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

import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios 8 and 9: connections closed under the consumers (by a proxy and by Redis), a
 * connection that black-holes traffic, and replies that cannot be read.
 */
class ConnectionFaultIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	@Test
	void consumersRecoverWhenTheirConnectionsAreClosed() throws Exception {
		try (Scenario scenario = Scenario.start("s8a")) {
			FaultProxy proxy = scenario.track(FaultProxy.start(scenario.redis().host(), scenario.redis().port()));
			RedisEvents viaProxy = scenario.connect(proxy.port());
			RedisEventStream direct = scenario.connect().stream(Scenario.STREAM);
			List<StreamProcessor> consumers = List.of(
					scenario.consume(viaProxy, Scenario.options("c1", LEASE).build(), 5),
					scenario.consume(viaProxy, Scenario.options("c2", LEASE).build(), 5));
			for (StreamProcessor consumer : consumers) {
				assertThat(consumer.awaitRunning(Duration.ofSeconds(10))).isTrue();
			}
			Scenario.pause(Duration.ofMillis(500));
			int closedIdle = proxy.connections();
			proxy.closeAll();
			long idleClose = System.nanoTime();
			scenario.add(direct, 100);
			GroupProbe probe = scenario.probe();
			Duration idleRecovery = probe.awaitRecovery(idleClose, 0, Duration.ofSeconds(30));
			probe.awaitDrain(idleClose, Duration.ofSeconds(30), null);
			Producer producer = scenario
				.track(new Producer(direct, scenario.ledger().writer("load"), 1500, Duration.ofMillis(2)));
			int closes = 0;
			long lastClose = 0;
			while (closes < 5 && !producer.finished()) {
				Scenario.pause(Duration.ofMillis(400));
				proxy.closeAll();
				lastClose = System.nanoTime();
				closes++;
			}
			Duration recovery = probe.awaitRecovery(lastClose, probe.acknowledged(), Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(lastClose, Duration.ofSeconds(40), producer::finished);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("8a",
					"Proxy closes all connections: once during blocking reads, " + closes
							+ " times under load (acks in flight)",
					figures, closedIdle + " connections closed while blocked: recovery "
							+ ReliabilityReport.format(idleRecovery) + "; figures after the last close under load");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
		}
	}

	@Test
	void consumersRecoverWhenRedisKillsEveryClientConnection() throws Exception {
		try (Scenario scenario = Scenario.start("s8b")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			scenario.consume(events, Scenario.options("c1", LEASE).build(), 5);
			scenario.consume(events, Scenario.options("c2", LEASE).build(), 5);
			Producer producer = scenario
				.track(new Producer(stream, scenario.ledger().writer("producer"), 1500, Duration.ofMillis(2)));
			long killed = 0;
			long lastKill = 0;
			try (Jedis admin = new Jedis(scenario.redis().host(), scenario.redis().port())) {
				for (int i = 0; i < 3 && !producer.finished(); i++) {
					Scenario.pause(Duration.ofMillis(600));
					killed += (Long) admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE",
							"normal", "SKIPME", "yes");
					lastKill = System.nanoTime();
				}
			}
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(lastKill, probe.acknowledged(), Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(lastKill, Duration.ofSeconds(40), producer::finished);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("8b", "CLIENT KILL TYPE normal on Redis, 3 times under load", figures,
					killed + " connections killed server-side; figures after the last kill");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
		}
	}

	@Test
	void aBlackHoledConnectionIsDetectedAndReplaced() throws Exception {
		try (Scenario scenario = Scenario.start("s9")) {
			FaultProxy proxy = scenario.track(FaultProxy.start(scenario.redis().host(), scenario.redis().port()));
			RedisEvents viaProxy = scenario.connect(proxy.port());
			RedisEventStream direct = scenario.connect().stream(Scenario.STREAM);
			List<StreamProcessor> consumers = List.of(
					scenario.consume(viaProxy, Scenario.options("c1", LEASE).build(), 5),
					scenario.consume(viaProxy, Scenario.options("c2", LEASE).build(), 5));
			Producer producer = scenario
				.track(new Producer(direct, scenario.ledger().writer("producer"), 1500, Duration.ofMillis(3)));
			await().atMost(Duration.ofSeconds(20)).until(() -> producer.added() >= 200);
			proxy.blackHole();
			long blackHoled = System.nanoTime();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> consumers.stream().noneMatch((consumer) -> consumer.health().connected()));
			Duration detection = Duration.ofNanos(System.nanoTime() - blackHoled);
			String lastError = consumers.get(0).health().lastError();
			proxy.restore();
			long restored = System.nanoTime();
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(restored, probe.acknowledged(), Duration.ofSeconds(40));
			Duration drain = probe.awaitDrain(restored, Duration.ofSeconds(50), producer::finished);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("9", "Black-holed connections (open, nothing forwarded) under load", figures,
					"detected by both consumers after " + ReliabilityReport.format(detection) + " (\"" + lastError
							+ "\"); recovery and drain from the network's return");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
		}
	}

	@Test
	void aConsumerWhoseHeartbeatsAreCutDoesNotReclaimItsOwnRunningEntries() throws Exception {
		try (Scenario scenario = Scenario.start("s9b")) {
			FaultProxy proxy = scenario.track(FaultProxy.start(scenario.redis().host(), scenario.redis().port()));
			JedisPooled commands = scenario
				.track(new JedisPooled(new HostAndPort(scenario.redis().host(), proxy.port()),
						DefaultJedisClientConfig.builder().socketTimeoutMillis(1000).build()));
			HostAndPort direct = new HostAndPort(scenario.redis().host(), scenario.redis().port());
			RedisEvents events = scenario.track(RedisEvents.builder(commands)
				.blockingClientFactory(() -> new UnifiedJedis(direct,
						RedisEvents.blockingReadConfig(DefaultJedisClientConfig.builder().build())))
				.build());
			StreamProcessor consumer = scenario.consume(events,
					Scenario.options("c1", Duration.ofSeconds(1)).concurrency(10).batchSize(5).build(), 4000);
			assertThat(consumer.awaitRunning(Duration.ofSeconds(10))).isTrue();
			List<String> ids = scenario.add(scenario.connect().stream(Scenario.STREAM), 5);
			await().atMost(Duration.ofSeconds(20)).until(() -> scenario.ledger().count(LedgerRecord.Kind.STARTED) == 5);
			proxy.blackHole();
			long cut = System.nanoTime();
			Scenario.pause(Duration.ofMillis(2500));
			proxy.restore();
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(cut, Duration.ofSeconds(40), null);
			long starts = scenario.ledger().count(LedgerRecord.Kind.STARTED);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("9b",
					"Command connection (heartbeats, acks) black-holed 2.5 s, past the 1 s lease,"
							+ " while the reading connection works and 4 s handlers run",
					figures, starts + " handler starts for " + ids.size() + " entries; drain from the cut");
			assertThat(starts).as("handler starts").isEqualTo(ids.size());
			assertThat(figures.dup()).isZero();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void acknowledgementsWhoseRepliesCannotBeReadAreSentAgainAndNothingIsLost() throws Exception {
		try (Scenario scenario = Scenario.start("s9c")) {
			FaultProxy proxy = scenario.track(FaultProxy.start(scenario.redis().host(), scenario.redis().port()));
			JedisPooled commands = scenario
				.track(new JedisPooled(new HostAndPort(scenario.redis().host(), proxy.port())));
			HostAndPort direct = new HostAndPort(scenario.redis().host(), scenario.redis().port());
			RedisEvents events = scenario.track(RedisEvents.builder(commands)
				.blockingClientFactory(() -> new UnifiedJedis(direct,
						RedisEvents.blockingReadConfig(DefaultJedisClientConfig.builder().build())))
				.build());
			// a lease longer than the fault, so that no entry is delivered again
			StreamProcessor consumer = scenario.consume(events, Scenario.options("c1", Duration.ofSeconds(30)).build(),
					2);
			assertThat(consumer.awaitRunning(Duration.ofSeconds(10))).isTrue();
			proxy.unreadableIntegerReplies(true);
			long fault = System.nanoTime();
			List<String> ids = scenario.add(scenario.connect().stream(Scenario.STREAM), 200);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> scenario.ledger().count(LedgerRecord.Kind.DONE) == ids.size());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> consumer.health().unsentAcknowledgements() == ids.size());
			GroupProbe probe = scenario.probe();
			// Redis ran the first XACK; only its reply was lost, and the rest wait behind
			// it
			assertThat(probe.pending()).isPositive();
			String lastError = consumer.health().lastError();
			assertThat(lastError).startsWith("ClassCastException");
			assertThat(consumer.health().deadThreads()).isEmpty();
			proxy.unreadableIntegerReplies(false);
			long restored = System.nanoTime();
			Duration recovery = probe.awaitRecovery(restored, 0, Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(fault, Duration.ofSeconds(30), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("9c",
					"XACK replies unreadable (integer reply garbled into a string by a proxy) while 200 entries are"
							+ " handled",
					figures, ids.size() + " acknowledgements held back (\"" + lastError
							+ "\"), sent again once replies read; recovery from the repair, drain from the fault");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.dup()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(consumer.health().unsentAcknowledgements()).isZero();
			assertThat(consumer.health().healthy()).isTrue();
		}
	}

}
