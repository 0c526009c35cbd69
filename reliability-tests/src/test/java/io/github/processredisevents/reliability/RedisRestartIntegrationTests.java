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

import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios 6, 7 and 10: Redis killed, restarted, emptied, or not there at all.
 */
class RedisRestartIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Map<String, String> EVERYSEC = Map.of("appendonly", "yes", "appendfsync", "everysec");

	private static final Map<String, String> ALWAYS = Map.of("appendonly", "yes", "appendfsync", "always");

	@Test
	void consumersCarryOnAfterRedisIsKilledWithAofEverysec() throws Exception {
		Figures figures = restartUnderLoad("s6a", EVERYSEC, true);
		ReliabilityReport.add("6a", "Redis SIGKILLed and restarted under load, AOF everysec", figures,
				"Redis may drop up to ~1 s of acknowledged writes on a crash; those show as lost in Redis");
		assertThat(figures.lostByLibrary()).as("lost %s", figures.lostIds()).isZero();
		assertThat(figures.pending()).isZero();
	}

	@Test
	void consumersCarryOnAfterRedisIsKilledWithAofAlways() throws Exception {
		Figures figures = restartUnderLoad("s6b", ALWAYS, true);
		ReliabilityReport.add("6b", "Redis SIGKILLed and restarted under load, AOF always", figures, "");
		assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
		assertThat(figures.pending()).isZero();
	}

	@Test
	void consumersCarryOnAfterRedisShutsDownGracefully() throws Exception {
		Figures figures = restartUnderLoad("s6c", EVERYSEC, false);
		ReliabilityReport.add("6c", "Redis shut down (SIGTERM) and restarted under load, AOF everysec", figures, "");
		assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
		assertThat(figures.pending()).isZero();
	}

	private Figures restartUnderLoad(String name, Map<String, String> config, boolean kill) throws Exception {
		try (Scenario scenario = Scenario.start(name, config)) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			StreamProcessor first = scenario.consume(events, Scenario.options("c1", LEASE).build(), 5);
			scenario.consume(events, Scenario.options("c2", LEASE).build(), 5);
			first.awaitRunning(Duration.ofSeconds(10));
			Producer producer = scenario
				.track(new Producer(stream, scenario.ledger().writer("producer"), 1500, Duration.ofMillis(3)));
			await().atMost(Duration.ofSeconds(30)).until(() -> producer.added() >= 500);
			if (kill) {
				scenario.redis().kill();
			}
			else {
				scenario.redis().shutdown();
			}
			Scenario.pause(Duration.ofSeconds(1));
			scenario.redis().restart();
			long restarted = System.nanoTime();
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(restarted, -1, Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(restarted, Duration.ofSeconds(50), producer::finished);
			return Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 2);
		}
	}

	@Test
	void handlersOutlivingARedisPauseLongerThanTheLeaseAreNotStartedTwice() throws Exception {
		try (Scenario scenario = Scenario.start("s6d")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			StreamProcessor consumer = scenario.consume(events,
					Scenario.options("c1", Duration.ofSeconds(1)).concurrency(10).batchSize(5).build(), 4000);
			consumer.awaitRunning(Duration.ofSeconds(10));
			List<String> ids = scenario.add(stream, 5);
			await().atMost(Duration.ofSeconds(20)).until(() -> scenario.ledger().count(LedgerRecord.Kind.STARTED) == 5);
			scenario.redis().pause();
			Scenario.pause(Duration.ofMillis(2500));
			scenario.redis().resume();
			long resumed = System.nanoTime();
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(resumed, Duration.ofSeconds(40), null);
			Scenario.pause(Duration.ofSeconds(1));
			long starts = scenario.ledger().count(LedgerRecord.Kind.STARTED);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("6d", "Redis paused (SIGSTOP) 2.5 s, past the 1 s lease, while 4 s handlers run",
					figures, starts + " handler starts for " + ids.size() + " entries (the consumer's own entries are"
							+ " not reclaimed from under its running handlers)");
			assertThat(starts).isEqualTo(ids.size());
			assertThat(figures.dup()).isZero();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void theGroupIsRecreatedAfterARestartWithoutPersistence() throws Exception {
		try (Scenario scenario = Scenario.start("s7a")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			List<StreamProcessor> consumers = List.of(
					scenario.consume(events, Scenario.options("c1", LEASE).build(), 5),
					scenario.consume(events, Scenario.options("c2", LEASE).build(), 5));
			stream.addAll(ConsumerCrashIntegrationTests.payloads(50));
			GroupProbe probe = scenario.probe();
			probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(20), null);
			scenario.redis().kill();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> consumers.stream().noneMatch((consumer) -> consumer.health().connected()));
			String lastError = consumers.get(0).health().lastError();
			scenario.redis().restart();
			long restarted = System.nanoTime();
			scenario.add(stream, 50);
			Duration recovery = probe.awaitRecovery(restarted, 0, Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(restarted, Duration.ofSeconds(30), null);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> consumers.stream().allMatch((consumer) -> consumer.health().connected()));
			long commandsWhileIdle = commandsOver(scenario, Duration.ofSeconds(2));
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("7a", "Redis restarted without persistence while consumers block", figures,
					"group recreated; health said \"" + lastError + "\" until Redis came back; " + commandsWhileIdle
							+ " commands in 2 s idle afterwards (no spin)");
			assertThat(lastError).isNotBlank();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
			assertThat(commandsWhileIdle).isLessThan(200);
		}
	}

	@Test
	void theGroupIsRecreatedWhenTheStreamIsDeletedWhileConsumersBlock() throws Exception {
		try (Scenario scenario = Scenario.start("s7b")) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			scenario.consume(events, Scenario.options("c1", LEASE).build(), 5);
			scenario.consume(events, Scenario.options("c2", LEASE).build(), 5);
			stream.addAll(ConsumerCrashIntegrationTests.payloads(50));
			GroupProbe probe = scenario.probe();
			probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(20), null);
			Scenario.pause(Duration.ofMillis(300));
			stream.clear();
			long deleted = System.nanoTime();
			scenario.add(stream, 50);
			Duration recovery = probe.awaitRecovery(deleted, 0, Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(deleted, Duration.ofSeconds(30), null);
			long commandsWhileIdle = commandsOver(scenario, Duration.ofSeconds(2));
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("7b", "Stream deleted while consumers block", figures,
					"group recreated from the oldest entry; " + commandsWhileIdle + " commands in 2 s idle afterwards");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
			assertThat(commandsWhileIdle).isLessThan(200);
		}
	}

	@Test
	void aConsumerStartedBeforeRedisConsumesOnceRedisAppears() throws Exception {
		try (Scenario scenario = Scenario.start("s10")) {
			scenario.redis().shutdown();
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			StreamProcessor consumer = scenario.consume(events, Scenario.options("early", LEASE).build(), 5);
			await().atMost(Duration.ofSeconds(20)).until(() -> consumer.health().lastError() != null);
			String lastError = consumer.health().lastError();
			assertThat(consumer.state()).isEqualTo(ProcessorState.STARTING);
			assertThat(consumer.health().loopAlive()).isTrue();
			scenario.redis().restart();
			long appeared = System.nanoTime();
			scenario.add(stream, 50);
			assertThat(consumer.awaitRunning(Duration.ofSeconds(20))).isTrue();
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(appeared, 0, Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(appeared, Duration.ofSeconds(30), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("10", "Redis unavailable when the consumer starts (core engine)", figures,
					"state STARTING and health \"" + lastError + "\" until Redis appeared");
			assertThat(lastError).contains("127.0.0.1:" + scenario.redis().port());
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	private static long commandsOver(Scenario scenario, Duration window) {
		try (Jedis jedis = new Jedis(scenario.redis().host(), scenario.redis().port())) {
			long before = totalCalls(jedis.info("stats"));
			Scenario.pause(window);
			return totalCalls(jedis.info("stats")) - before - 1;
		}
	}

	private static long totalCalls(String stats) {
		for (String line : stats.split("\r?\n")) {
			if (line.startsWith("total_commands_processed:")) {
				return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		throw new IllegalStateException("No total_commands_processed in " + stats);
	}

}
