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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Round trips and connections: batched acknowledgements, a connection of its own for
 * blocking reads, and carrying on when Redis goes away. Each test runs its own
 * redis-server, so that counting commands or killing connections touches nobody else.
 */
@ExtendWith(RealRedis.class)
class ConnectionIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void acknowledgementsAreBatchedSoThereAreFarFewerRoundTripsThanEntries() {
		try (RedisServer server = RedisServer.start(); RedisEvents events = RedisEvents.connect(address(server))) {
			RedisEventStream stream = events.stream("orders");
			List<Integer> payloads = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				payloads.add(i);
			}
			stream.addAll(payloads);
			try (Jedis admin = new Jedis(server.host(), server.port())) {
				admin.configResetStat();
			}
			StreamProcessor processor = stream.process(
					ProcessOptions.builder(Integer.class).group("g").startFrom(StartFrom.OLDEST).batchSize(100).build(),
					(item) -> {
					});
			await().atMost(WAIT).until(() -> processor.stats().processed() == 2000);
			await().atMost(WAIT).until(() -> stream.consumerGroups().get(0).pending() == 0);
			long xackCalls = commandCalls(events.client(), "xack");
			assertThat(xackCalls).isPositive().isLessThan(2000 / 4);
			processor.stop();
		}
	}

	@Test
	void blockingReadsUseAConnectionOfTheirOwnSoABusyPoolNeverStarvesThem() throws Exception {
		try (RedisServer server = RedisServer.start()) {
			GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
			poolConfig.setMaxTotal(1);
			JedisPooled pooled = new JedisPooled(poolConfig, server.host(), server.port());
			HostAndPort address = address(server);
			try (RedisEvents events = RedisEvents.builder(pooled)
				.blockingClientFactory(() -> new UnifiedJedis(address,
						RedisEvents.blockingReadConfig(DefaultJedisClientConfig.builder().build())))
				.build()) {
				RedisEventStream stream = events.stream("orders");
				Set<Integer> seen = ConcurrentHashMap.newKeySet();
				StreamProcessor processor = stream.process(
						ProcessOptions.builder(Integer.class).group("g").startFrom(StartFrom.OLDEST).build(),
						(item) -> seen.add(item.data()));
				assertThat(processor.awaitRunning(WAIT)).isTrue();
				try (Connection held = pooled.getPool().getResource()) {
					// the only pooled connection is taken: acks wait, reads must not
					try (UnifiedJedis producer = new UnifiedJedis(address)) {
						producer.xadd(stream.key(), redis.clients.jedis.params.XAddParams.xAddParams(),
								Map.of("data", "7"));
					}
					await().atMost(WAIT).until(() -> seen.contains(7));
				}
				await().atMost(WAIT).until(() -> stream.consumerGroups().get(0).pending() == 0);
				processor.stop();
			}
			pooled.close();
		}
	}

	@Test
	void killedConnectionsDoNotEndProcessingAndNothingIsLost() {
		try (RedisServer server = RedisServer.start();
				RedisEvents events = RedisEvents.connect(address(server));
				Jedis admin = new Jedis(server.host(), server.port())) {
			RedisEventStream stream = events.stream("orders");
			Set<Integer> seen = ConcurrentHashMap.newKeySet();
			StreamProcessor processor = stream.process(ProcessOptions.builder(Integer.class)
				.group("g")
				.startFrom(StartFrom.OLDEST)
				.lease(Duration.ofSeconds(2))
				.backoff(Backoff.fixed(Duration.ofMillis(50)))
				.build(), (item) -> {
					seen.add(item.data());
					Thread.sleep(2);
				});
			for (int i = 0; i < 300; i++) {
				stream.add(i);
				if (i % 50 == 25) {
					admin.clientKill(redis.clients.jedis.params.ClientKillParams.clientKillParams()
						.type(redis.clients.jedis.args.ClientType.NORMAL)
						.skipMe(redis.clients.jedis.params.ClientKillParams.SkipMe.YES));
				}
			}
			await().atMost(WAIT).until(() -> seen.size() == 300);
			await().atMost(WAIT).until(() -> stream.consumerGroups().get(0).pending() == 0);
			assertThat(processor.health().loopAlive()).isTrue();
			processor.stop();
		}
	}

	@Test
	void aRestartedRedisIsReconnectedToAndPendingWorkIsNotLost() {
		try (RedisServer server = RedisServer.start(Map.of("appendonly", "yes", "appendfsync", "always"));
				RedisEvents events = RedisEvents.connect(address(server))) {
			RedisEventStream stream = events.stream("orders");
			Set<Integer> seen = ConcurrentHashMap.newKeySet();
			StreamProcessor processor = stream.process(ProcessOptions.builder(Integer.class)
				.group("g")
				.startFrom(StartFrom.OLDEST)
				.lease(Duration.ofSeconds(1))
				.build(), (item) -> seen.add(item.data()));
			stream.add(1);
			await().atMost(WAIT).until(() -> seen.contains(1));
			server.kill();
			await().atMost(WAIT).until(() -> !processor.health().connected());
			server.restart();
			stream.add(2);
			await().atMost(WAIT).until(() -> seen.contains(2));
			await().atMost(WAIT).until(() -> processor.health().connected());
			await().atMost(WAIT).until(() -> stream.consumerGroups().get(0).pending() == 0);
			assertThat(processor.health().loopAlive()).isTrue();
			processor.stop();
		}
	}

	@Test
	void aGroupLostWithARestartWithoutPersistenceIsRecreated() {
		try (RedisServer server = RedisServer.start(); RedisEvents events = RedisEvents.connect(address(server))) {
			RedisEventStream stream = events.stream("orders");
			Set<Integer> seen = ConcurrentHashMap.newKeySet();
			StreamProcessor processor = stream.process(
					ProcessOptions.builder(Integer.class).group("g").startFrom(StartFrom.OLDEST).build(),
					(item) -> seen.add(item.data()));
			stream.add(1);
			await().atMost(WAIT).until(() -> seen.contains(1));
			server.restart();
			stream.add(2);
			await().atMost(WAIT).until(() -> seen.contains(2));
			assertThat(stream.consumerGroups()).extracting(ConsumerGroupInfo::name).containsExactly("g");
			processor.stop();
		}
	}

	@Test
	void fetchingWaitsWhileAcknowledgementsCannotBeSent() {
		try (RedisServer server = RedisServer.start(); Jedis admin = new Jedis(server.host(), server.port())) {
			// a consumer that may read but not acknowledge: its acknowledgements pile up
			admin.aclSetUser("reader", "on", ">secret", "~*", "+@all", "-xack");
			List<Integer> payloads = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				payloads.add(i);
			}
			try (RedisEvents events = RedisEvents.connect(address(server),
					DefaultJedisClientConfig.builder().user("reader").password("secret").build())) {
				RedisEventStream stream = events.stream("orders");
				stream.addAll(payloads);
				StreamProcessor processor = stream.process(
						ProcessOptions.builder(Integer.class).group("g").startFrom(StartFrom.OLDEST).build(),
						(item) -> {
						});
				await().atMost(WAIT).until(() -> processor.stats().processed() >= 4096);
				await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> processor.stats().processed() < 5000);
				assertThat(stream.consumerGroups().get(0).entriesRead()).isLessThan(5000);
				processor.stop();
			}
		}
	}

	private static HostAndPort address(RedisServer server) {
		return new HostAndPort(server.host(), server.port());
	}

	private static long commandCalls(UnifiedJedis jedis, String command) {
		String stats = jedis.info("commandstats");
		for (String line : stats.split("\r?\n")) {
			if (line.startsWith("cmdstat_" + command + ":")) {
				String calls = line.substring(line.indexOf("calls=") + 6);
				return Long.parseLong(calls.substring(0, calls.indexOf(',')));
			}
		}
		return 0;
	}

}
