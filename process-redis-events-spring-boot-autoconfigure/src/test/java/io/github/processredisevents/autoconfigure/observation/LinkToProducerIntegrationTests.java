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

package io.github.processredisevents.autoconfigure.observation;

import java.time.Duration;
import java.util.List;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.testsupport.SharedRedis;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code redis-events.observation.link-to-producer=true}, a delivery's span starts a
 * trace of its own, linked to the send span.
 */
@SpringBootTest(classes = LinkToProducerIntegrationTests.TestApplication.class,
		properties = { "redis-events.observation.enabled=true", "redis-events.observation.link-to-producer=true",
				"management.tracing.sampling.probability=1.0", "redis-events.defaults.start-from=oldest" })
class LinkToProducerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ORDERS = SharedRedis.uniqueName("linked-orders");

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		SharedRedis.register(registry);
		registry.add("test.stream", () -> ORDERS);
	}

	@Autowired
	private RedisEventTemplate template;

	@Autowired
	private ObservationRegistry observationRegistry;

	@Autowired
	private InMemorySpanExporter exporter;

	@Test
	void theHandlerSpanStartsATraceLinkedToTheSendSpan() {
		Observation.createNotStarted("place-order", this.observationRegistry)
			.observe(() -> this.template.send(ORDERS, "o-1"));
		await().atMost(WAIT).until(() -> spans("process " + ORDERS).size() == 1);
		SpanData send = spans("send " + ORDERS).get(0);
		SpanData process = spans("process " + ORDERS).get(0);
		assertThat(process.getTraceId()).isNotEqualTo(send.getTraceId());
		assertThat(process.getParentSpanContext().isValid()).isFalse();
		assertThat(process.getLinks()).singleElement().satisfies((link) -> {
			assertThat(link.getSpanContext().getTraceId()).isEqualTo(send.getTraceId());
			assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId());
		});
		assertThat(process.getAttributes().asMap().keySet()).extracting((key) -> key.getKey())
			.contains("messaging.message.id", "outcome");
	}

	private List<SpanData> spans(String name) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	static class Handler {

		@RedisEventHandler(id = "linked", stream = "${test.stream}", group = "linked")
		void handle(String orderId) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		Handler handler() {
			return new Handler();
		}

	}

}
