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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.core.QueueItem;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.testsupport.SharedRedis;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

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
 * Tracing with Spring Boot's OpenTelemetry auto-configuration, against a real Redis: one
 * property turns it on; the handler's span continues the send span's trace through two
 * failed attempts, and the MDC carries the trace id while the handler runs.
 */
@SpringBootTest(classes = TracingIntegrationTests.TestApplication.class,
		properties = { "redis-events.observation.enabled=true", "management.tracing.sampling.probability=1.0",
				"redis-events.defaults.start-from=oldest", "redis-events.defaults.lease=2s",
				"redis-events.defaults.backoff.initial=10ms", "redis-events.defaults.backoff.max=10ms" })
class TracingIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ORDERS = SharedRedis.uniqueName("traced-orders");

	private static final String INVOICES = SharedRedis.uniqueName("traced-invoices");

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		SharedRedis.register(registry);
		registry.add("test.stream", () -> ORDERS);
		registry.add("test.batch-stream", () -> INVOICES);
	}

	@Autowired
	private RedisEventTemplate template;

	@Autowired
	private ObservationRegistry observationRegistry;

	@Autowired
	private InMemorySpanExporter exporter;

	@Autowired
	private Billing billing;

	@Test
	void theHandlerSpansContinueTheSendSpansTraceThroughRetries() {
		String id = Observation.createNotStarted("place-order", this.observationRegistry)
			.observe(() -> this.template.send(ORDERS, new Order("o-1", 12.5)));
		await().atMost(WAIT).until(() -> spans("process " + ORDERS).size() == 3);
		SpanData send = spans("send " + ORDERS).get(0);
		List<SpanData> deliveries = spans("process " + ORDERS);
		assertThat(deliveries).allSatisfy((span) -> {
			assertThat(span.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(span.getParentSpanId()).isEqualTo(send.getSpanId());
		});
		assertThat(deliveries)
			.extracting((span) -> span.getAttributes()
				.asMap()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().getKey().equals("outcome"))
				.map((entry) -> entry.getValue().toString())
				.findFirst()
				.orElse(""))
			.containsExactly("retry", "retry", "success");
		assertThat(this.billing.mdc).hasSize(3).allSatisfy((mdc) -> {
			assertThat(mdc).containsEntry("traceId", send.getTraceId())
				.containsEntry("messaging.message.id", id)
				.containsEntry("messaging.destination.name", ORDERS)
				.containsEntry("messaging.consumer.group.name", "billing");
		});
		assertThat(this.billing.mdc).extracting((mdc) -> mdc.get("attempt")).containsExactly("1", "2", "3");
	}

	@Test
	void aBatchHasOneSpanLinkedToEveryEntrysTrace() {
		List<SpanData> sends = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Observation.createNotStarted("place-order", this.observationRegistry)
				.observe(() -> this.template.send(INVOICES, new Order("i-1", 1)));
		}
		await().atMost(WAIT).until(() -> spans("send " + INVOICES).size() == 3);
		sends.addAll(spans("send " + INVOICES));
		await().atMost(WAIT)
			.until(() -> spans("process " + INVOICES).stream().mapToInt((span) -> span.getLinks().size()).sum() == 3);
		List<SpanData> batches = spans("process " + INVOICES);
		assertThat(batches).allSatisfy((batch) -> {
			assertThat(sends).extracting(SpanData::getTraceId).doesNotContain(batch.getTraceId());
			assertThat(batch.getAttributes().asMap().keySet()).extracting((key) -> key.getKey())
				.contains("messaging.batch.message_count")
				.doesNotContain("messaging.message.id");
		});
		assertThat(batches.stream().flatMap((batch) -> batch.getLinks().stream()))
			.extracting((link) -> link.getSpanContext().getSpanId())
			.containsExactlyInAnyOrderElementsOf(sends.stream().map(SpanData::getSpanId).toList());
	}

	private List<SpanData> spans(String name) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	record Order(String orderId, double amount) {
	}

	static class Billing {

		final List<Map<String, String>> mdc = new CopyOnWriteArrayList<>();

		@RedisEventHandler(id = "billing", stream = "${test.stream}", group = "billing")
		void bill(QueueItem<Order> item) {
			this.mdc.add(MDC.getCopyOfContextMap());
			if (item.attempts() < 2) {
				throw new IllegalStateException("payment service unavailable");
			}
		}

	}

	static class Invoicing {

		@RedisEventHandler(id = "invoicing", stream = "${test.batch-stream}", group = "invoicing")
		void invoice(List<QueueItem<Order>> items) {
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
		Billing billing() {
			return new Billing();
		}

		@Bean
		Invoicing invoicing() {
			return new Invoicing();
		}

	}

}
