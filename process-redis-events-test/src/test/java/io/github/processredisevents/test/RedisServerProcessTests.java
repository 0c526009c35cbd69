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

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

import static org.assertj.core.api.Assertions.assertThat;

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
