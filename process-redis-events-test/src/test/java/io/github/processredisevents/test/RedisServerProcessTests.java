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

package io.github.processredisevents.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RedisServerProcess} and {@link RedisServerBinary}.
 */
class RedisServerProcessTests {

	@Test
	void theBundledBinaryIsRedis7AndServesStreams() {
		RedisServerBinary binary = RedisServerBinary.findBundled();
		assertThat(binary).isNotNull();
		assertThat(binary.bundled()).isTrue();
		assertThat(binary.version()).isEqualTo(RedisServerBinary.BUNDLED_VERSION);
		try (RedisServerProcess server = RedisServerProcess.start(binary, Map.of());
				Jedis jedis = new Jedis(server.host(), server.port())) {
			jedis.xadd("stream:orders", StreamEntryID.NEW_ENTRY, Map.of("data", "{}"));
			assertThat(jedis.xlen("stream:orders")).isOne();
			assertThat(jedis.info("server")).contains("redis_version:7.0.15");
		}
	}

	@Test
	void restartsOnTheSamePortAndDirectoryAndDeletesTheDirectoryOnClose() {
		RedisServerProcess server = RedisServerProcess.start(Map.of("appendonly", "yes"));
		try (server) {
			try (Jedis jedis = new Jedis(server.host(), server.port())) {
				jedis.set("kept", "yes");
			}
			int port = server.port();
			server.shutdown();
			assertThat(server.isRunning()).isFalse();
			server.restart();
			assertThat(server.port()).isEqualTo(port);
			try (Jedis jedis = new Jedis(server.host(), server.port())) {
				assertThat(jedis.get("kept")).isEqualTo("yes");
			}
		}
		assertThat(Files.exists(server.directory())).isFalse();
	}

	@Test
	void startsOnAnotherPortWhenThePortItPickedIsTakenBeforeRedisBindsIt() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int free = RedisServerProcess.freePort();
			Iterator<Integer> ports = List.of(taken.getLocalPort(), free).iterator();
			try (RedisServerProcess server = RedisServerProcess.start(RedisServerBinary.find(), Map.of(), false,
					ports::next)) {
				assertThat(server.port()).isEqualTo(free);
				assertThat(RedisServerProcess.answersPing(server.host(), server.port())).isTrue();
			}
		}
	}

	@Test
	void givesUpAfterThreeStartsThatFoundAPortTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatIllegalStateException()
				.isThrownBy(
						() -> RedisServerProcess.start(RedisServerBinary.find(), Map.of(), false, taken::getLocalPort))
				.withMessageContaining("found a port taken at each of 3 starts")
				.withMessageContaining("Address already in use");
		}
	}

	@Test
	void aClusterNodeGetsAFreeBusPortAndTriesAgainWhenItIsTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = RedisServerProcess.freePort();
			int busPort = RedisServerProcess.freePort();
			Iterator<Integer> ports = List.of(taken.getLocalPort(), port, busPort, port).iterator();
			try (RedisServerProcess server = RedisServerProcess.start(RedisServerBinary.find(),
					Map.of("cluster-enabled", "yes"), false, ports::next);
					Jedis jedis = new Jedis(server.host(), server.port())) {
				assertThat(server.port()).isEqualTo(port);
				assertThat(jedis.configGet("cluster-port")).containsEntry("cluster-port", Integer.toString(busPort));
			}
		}
	}

	@Test
	void startsASentinelThatMonitorsAPrimary() {
		try (RedisServerProcess primary = RedisServerProcess.start();
				RedisServerProcess sentinel = RedisServerProcess
					.startSentinel(Map.of("sentinel monitor events", primary.host() + " " + primary.port() + " 1"));
				Jedis jedis = new Jedis(sentinel.host(), sentinel.port())) {
			assertThat(jedis.sentinelGetMasterAddrByName("events")).containsExactly(primary.host(),
					Integer.toString(primary.port()));
		}
	}

	@Test
	void namesTheBundledBinaryForEachPlatform() {
		assertThat(RedisServerBinary.bundledResource("Linux", "amd64")).isEqualTo("redis-server-7.0.15-linux-amd64");
		assertThat(RedisServerBinary.bundledResource("Linux", "aarch64")).isEqualTo("redis-server-7.0.15-linux-arm64");
		assertThat(RedisServerBinary.bundledResource("Mac OS X", "aarch64"))
			.isEqualTo("redis-server-7.0.15-darwin-arm64");
		assertThat(RedisServerBinary.bundledResource("Mac OS X", "x86_64"))
			.isEqualTo("redis-server-7.0.15-darwin-amd64");
		assertThat(RedisServerBinary.bundledResource("Windows 11", "amd64")).isNull();
	}

}
