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

package io.github.processredisevents.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisServer;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisEventsHealthIndicator} against real Redis servers.
 */
class RedisEventsHealthIndicatorIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static volatile CountDownLatch release = new CountDownLatch(1);

	private ConfigurableApplicationContext context;

	private RedisServer server;

	@BeforeEach
	void holdHandlers() {
		release = new CountDownLatch(1);
	}

	@AfterEach
	void cleanUp() {
		release.countDown();
		if (this.context != null) {
			this.context.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void isUpWhileRedisAnswersAndDownWhenItCannotBeReached() {
		this.server = RedisServer.start();
		this.context = start(this.server.host(), this.server.port(), SharedRedis.uniqueName("health"));
		RedisEventsHealthIndicator indicator = this.context.getBean(RedisEventsHealthIndicator.class);
		await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));
		this.server.kill();
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("redis")).asString().startsWith("unreachable");
		RedisEventsEndpoint endpoint = new RedisEventsEndpoint(this.context.getBean(RedisEvents.class),
				this.context.getBean(RedisEventHandlerRegistry.class), false, 5);
		RedisEventsEndpoint.RedisEventsDescriptor report = endpoint.report();
		assertThat(report.handlers()).extracting(RedisEventsEndpoint.HandlerDescriptor::id).containsExactly("stuck");
		assertThat(report.streams().get(0).error()).startsWith("Redis cannot be reached");
	}

	@Test
	void isDownWhenTheConsumerLoopOfAHandlerHasDied() throws Exception {
		this.context = start(SharedRedis.endpoint().host(), SharedRedis.endpoint().port(),
				SharedRedis.uniqueName("loop"));
		RedisEventHandlerRegistry registry = this.context.getBean(RedisEventHandlerRegistry.class);
		RedisEventsHealthIndicator indicator = this.context.getBean(RedisEventsHealthIndicator.class);
		this.context.getBean(RedisEventTemplate.class)
			.send(this.context.getEnvironment().getProperty("test.stream"), "job");
		await().atMost(WAIT).until(() -> registry.getProcessor("stuck").stats().inFlight() == 1);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		StreamProcessor processor = registry.getProcessor("stuck");
		Thread fetch = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName()
				.equals("redis-events-" + processor.stream() + "-" + processor.consumerId() + "-fetch"))
			.findFirst()
			.orElseThrow();
		fetch.interrupt();
		fetch.join(WAIT.toMillis());
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("handlers"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
			.extractingByKey("stuck")
			.isEqualTo(Map.of("state", "RUNNING", "connected", true, "unsentAcknowledgements", 0L, "error",
					"consumer loop has died"));
	}

	@Test
	void isDownWhileAcknowledgementsCannotBeSentThoughRedisAnswersAndShowsTheBacklog() {
		this.server = RedisServer.start();
		try (Jedis admin = new Jedis(this.server.host(), this.server.port())) {
			// a consumer that may read but not acknowledge
			admin.aclSetUser("reader", "on", ">secret", "~*", "+@all", "-xack");
			this.context = new SpringApplicationBuilder(QuickApplication.class).web(WebApplicationType.NONE)
				.properties("spring.data.redis.host=" + this.server.host(),
						"spring.data.redis.port=" + this.server.port(), "spring.data.redis.username=reader",
						"spring.data.redis.password=secret", "redis-events.defaults.start-from=oldest",
						"redis-events.handlers.quick.lease=2s")
				.run();
			RedisEventsHealthIndicator indicator = this.context.getBean(RedisEventsHealthIndicator.class);
			this.context.getBean(RedisEventTemplate.class).send("quick", "job");
			await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.DOWN));
			Health health = indicator.health();
			assertThat(health.getDetails()).containsEntry("redis", "reachable");
			assertThat(health.getDetails().get("handlers"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
				.extractingByKey("quick")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
				.hasEntrySatisfying("unsentAcknowledgements", (unsent) -> assertThat((long) unsent).isPositive())
				.hasEntrySatisfying("error", (error) -> assertThat(error).asString().contains("could not be sent"))
				.hasEntrySatisfying("lastError", (error) -> assertThat(error).asString().contains("NOPERM"));
			RedisEventsEndpoint endpoint = new RedisEventsEndpoint(this.context.getBean(RedisEvents.class),
					this.context.getBean(RedisEventHandlerRegistry.class), false, 5);
			assertThat(endpoint.report().handlers()).singleElement()
				.extracting(RedisEventsEndpoint.HandlerDescriptor::unsentAcknowledgements)
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG)
				.isPositive();
			admin.aclSetUser("reader", "+xack");
			await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));
			// the entry may have been delivered again meanwhile: its acknowledgement
			// follows
			await().atMost(WAIT).until(() -> endpoint.report().handlers().get(0).unsentAcknowledgements() == 0);
		}
	}

	private ConfigurableApplicationContext start(String host, int port, String stream) {
		return new SpringApplicationBuilder(StuckApplication.class).web(WebApplicationType.NONE)
			.properties("spring.data.redis.host=" + host, "spring.data.redis.port=" + port, "test.stream=" + stream,
					"redis-events.defaults.start-from=oldest", "redis-events.shutdown-timeout=100ms")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StuckApplication {

		@Bean
		StuckHandler stuckHandler() {
			return new StuckHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class QuickApplication {

		@Bean
		QuickHandler quickHandler() {
			return new QuickHandler();
		}

	}

	static class QuickHandler {

		@RedisEventHandler(id = "quick", stream = "quick", group = "g")
		void on(String job) {
		}

	}

	static class StuckHandler {

		@RedisEventHandler(id = "stuck", stream = "${test.stream}", group = "g", concurrency = "1")
		void on(String job) throws InterruptedException {
			release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

	}

}
