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

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link EmbeddedRedis} in plain JUnit tests: a server per test class,
 * configured by the annotation, injected into tests and stopped after the class.
 */
class EmbeddedRedisTests {

	@Test
	void startsAConfiguredServerForTheClassAndStopsItAfterwards() {
		Probe.seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(Probe.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(2).succeeded(2));
		assertThat(Probe.seen).hasSize(2);
		RedisServerProcess server = Probe.seen.get(0);
		assertThat(Probe.seen.get(1)).isSameAs(server);
		assertThat(server.isRunning()).isFalse();
		assertThat(RedisServerProcess.answersPing(server.host(), server.port())).isFalse();
	}

	@EmbeddedRedis(config = "maxmemory 10mb")
	static class Probe {

		static final List<RedisServerProcess> seen = new ArrayList<>();

		@Test
		void getsTheServerWithItsConfiguration(RedisServerProcess server) {
			seen.add(server);
			try (Jedis jedis = new Jedis(server.host(), server.port())) {
				assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "10485760");
			}
		}

		@Test
		void getsHelpersOnTheSameServer(RedisServerProcess server, TestStreams streams) {
			seen.add(server);
			streams.addRaw("orders", "{\"orderId\":\"o-1\"}");
			try (Jedis jedis = new Jedis(server.host(), server.port())) {
				assertThat(jedis.xlen("stream:orders")).isOne();
			}
		}

	}

}
