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

package io.github.processredisevents.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link RedisEventHandlerRegistry} stops handlers gracefully with the
 * application context, against a real Redis.
 */
class RedisEventHandlerRegistryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static volatile CountDownLatch started = new CountDownLatch(1);

	private static volatile CountDownLatch release = new CountDownLatch(1);

	private static final AtomicInteger calls = new AtomicInteger();

	private static final AtomicInteger completed = new AtomicInteger();

	@AfterEach
	void releaseHandlers() {
		release.countDown();
	}

	@Test
	void stoppingTheContextLetsInFlightEntriesFinishAndAcknowledgesThem() throws Exception {
		String stream = SharedRedis.uniqueName("graceful");
		reset();
		ConfigurableApplicationContext context = start(stream, "30s");
		context.getBean(RedisEventTemplate.class).send(stream, "job-1");
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
		Thread closer = new Thread(context::close, "closer");
		closer.start();
		await().atMost(WAIT).until(() -> registry.getState("slow") == ProcessorState.STOPPING);
		release.countDown();
		closer.join(WAIT.toMillis());
		assertThat(closer.isAlive()).isFalse();
		assertThat(completed.get()).isEqualTo(1);
		assertThat(pending(stream)).isEmpty();
	}

	@Test
	void entriesStillRunningAfterTheShutdownTimeoutStayPendingForOthers() throws Exception {
		String stream = SharedRedis.uniqueName("timeout");
		reset();
		ConfigurableApplicationContext context = start(stream, "200ms");
		List<String> ids = context.getBean(RedisEventTemplate.class).sendAll(stream, List.of("job-1", "job-2"));
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		context.close();
		assertThat(completed.get()).isZero();
		assertThat(calls.get()).isEqualTo(1);
		assertThat(pending(stream)).extracting((entry) -> entry.getID().toString()).contains(ids.get(0));
		assertThat(notAcknowledged(stream)).containsExactlyElementsOf(ids);
	}

	private static void reset() {
		started = new CountDownLatch(1);
		release = new CountDownLatch(1);
		calls.set(0);
		completed.set(0);
	}

	private ConfigurableApplicationContext start(String stream, String shutdownTimeout) {
		return new SpringApplicationBuilder(SlowApplication.class).web(WebApplicationType.NONE)
			.properties(SharedRedis.properties())
			.properties("test.stream=" + stream, "redis-events.shutdown-timeout=" + shutdownTimeout,
					"redis-events.defaults.start-from=oldest")
			.run();
	}

	private List<StreamPendingEntry> pending(String stream) {
		try (UnifiedJedis jedis = new UnifiedJedis(SharedRedis.endpoint().hostAndPort())) {
			return jedis.xpending("stream:" + stream, "workers", XPendingParams.xPendingParams().count(10));
		}
	}

	private List<String> notAcknowledged(String stream) {
		try (UnifiedJedis jedis = new UnifiedJedis(SharedRedis.endpoint().hostAndPort())) {
			StreamEntryID lastDelivered = jedis.xinfoGroups("stream:" + stream).get(0).getLastDeliveredId();
			List<String> result = new ArrayList<>();
			for (StreamPendingEntry entry : pending(stream)) {
				result.add(entry.getID().toString());
			}
			for (StreamEntry entry : jedis.xrange("stream:" + stream, "-", "+")) {
				if (entry.getID().compareTo(lastDelivered) > 0) {
					result.add(entry.getID().toString());
				}
			}
			result.sort(Comparator.comparing(StreamEntryID::new));
			return result;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SlowApplication {

		@Bean
		SlowHandler slowHandler() {
			return new SlowHandler();
		}

	}

	static class SlowHandler {

		@RedisEventHandler(id = "slow", stream = "${test.stream}", group = "workers", concurrency = "1")
		void on(String job) throws InterruptedException {
			calls.incrementAndGet();
			started.countDown();
			if (release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
				completed.incrementAndGet();
			}
		}

	}

}
