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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link EmbeddedRedis} in Spring tests: the context connects to the class's
 * server through its connection details, whatever {@code spring.data.redis.*} says, and
 * the server stops when the context closes after the class.
 */
class EmbeddedRedisSpringTests {

	@Test
	void theContextConnectsToTheServerWhichStopsWithTheContext() {
		SpringProbe.seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(SpringProbe.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(SpringProbe.seen).singleElement().satisfies((server) -> assertThat(server.isRunning()).isFalse());
	}

	@SpringBootTest(classes = SpringProbe.Config.class, properties = "spring.data.redis.port=1")
	@EmbeddedRedis
	static class SpringProbe {

		static final List<RedisServerProcess> seen = new ArrayList<>();

		@Autowired
		private DataRedisConnectionDetails connectionDetails;

		@Autowired
		private StringRedisTemplate redis;

		@Test
		void connectsToTheTestServer(RedisServerProcess server) {
			seen.add(server);
			assertThat(this.connectionDetails).isInstanceOf(EmbeddedRedisConnectionDetails.class);
			assertThat(this.connectionDetails.getStandalone().getPort()).isEqualTo(server.port());
			this.redis.opsForValue().set("written-through-spring", "yes");
			try (Jedis jedis = new Jedis(server.host(), server.port())) {
				assertThat(jedis.get("written-through-spring")).isEqualTo("yes");
			}
		}

		@Configuration(proxyBeanMethods = false)
		@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
		static class Config {

		}

	}

}
