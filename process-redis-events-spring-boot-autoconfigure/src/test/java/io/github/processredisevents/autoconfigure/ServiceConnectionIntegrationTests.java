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

package io.github.processredisevents.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.core.RedisEventTemplate;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Testcontainers example of docs/testing.md: a {@code @ServiceConnection} Redis
 * configures the starter. Runs only where Docker is available (skipped otherwise).
 */
@SpringBootTest(classes = ServiceConnectionIntegrationTests.TestApplication.class,
		properties = "redis-events.defaults.start-from=oldest")
@Testcontainers(disabledWithoutDocker = true)
class ServiceConnectionIntegrationTests {

	@Container
	@ServiceConnection
	static GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);

	@Autowired
	private RedisEventTemplate template;

	@Autowired
	private Billing billing;

	@Test
	void handlesEventsThroughAServiceConnectionRedis() {
		this.template.send("orders", "o-1");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.billing.charged).contains("o-1"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Billing billing() {
			return new Billing();
		}

	}

	static class Billing {

		final List<String> charged = new CopyOnWriteArrayList<>();

		@RedisEventHandler(stream = "orders", group = "billing")
		void on(String orderId) {
			this.charged.add(orderId);
		}

	}

}
