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

package io.github.processredisevents.actuate.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.QueueItem;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisEventsEndpoint}, the health indicator and the meters, over HTTP
 * against a real Redis.
 */
@SpringBootTest(classes = RedisEventsEndpointIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=redisevents,health,prometheus",
				"management.endpoint.health.show-details=always",
				"management.metrics.distribution.percentiles-histogram.redis.stream.message.wait=true",
				"redis-events.defaults.start-from=oldest", "redis-events.defaults.lease=1s",
				"redis-events.defaults.backoff.initial=10ms", "redis-events.defaults.backoff.max=10ms" })
class RedisEventsEndpointIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String ORDERS = SharedRedis.uniqueName("orders");

	private static final String RETURNS = SharedRedis.uniqueName("returns");

	private static final String AUDIT = SharedRedis.uniqueName("audit");

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		SharedRedis.register(registry);
		registry.add("test.orders", () -> ORDERS);
		registry.add("test.returns", () -> RETURNS);
		registry.add("test.audit", () -> AUDIT);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private RedisEventTemplate template;

	@Autowired
	private RedisEvents events;

	@Autowired
	private RedisEventHandlerRegistry registry;

	@Autowired
	private Handlers handlers;

	@Test
	void reportsStreamsGroupsAndHandlers() throws Exception {
		this.template.sendAll(ORDERS,
				List.of(new Order("o-1", false), new Order("o-2", false), new Order("o-3", true)));
		await().atMost(WAIT)
			.until(() -> this.registry.getProcessor("billing").stats().processed() == 3
					&& this.registry.getProcessor("shipping").stats().deadLettered() == 1);
		JsonNode report = get("/actuator/redisevents", 200);
		JsonNode orders = find(report.get("streams"), "name", ORDERS);
		assertThat(orders.get("key").asString()).isEqualTo("stream:" + ORDERS);
		assertThat(orders.get("length").asLong()).isEqualTo(3);
		assertThat(orders.get("entriesAdded").asLong()).isEqualTo(3);
		assertThat(orders.get("deadLetterLength").asLong()).isEqualTo(1);
		JsonNode billingGroup = find(orders.get("groups"), "name", "billing");
		assertThat(billingGroup.get("consumers").asLong()).isEqualTo(1);
		assertThat(billingGroup.get("pending").asLong()).isZero();
		assertThat(billingGroup.get("lag").asLong()).isZero();
		assertThat(billingGroup.get("entriesRead").asLong()).isEqualTo(3);
		assertThat(billingGroup.get("lastDeliveredId").asString()).isNotBlank();
		JsonNode billing = find(report.get("handlers"), "id", "billing");
		assertThat(billing.get("stream").asString()).isEqualTo(ORDERS);
		assertThat(billing.get("group").asString()).isEqualTo("billing");
		assertThat(billing.get("consumerId").asString()).hasSize(21);
		assertThat(billing.get("state").asString()).isEqualTo("RUNNING");
		assertThat(billing.get("inFlight").asInt()).isZero();
		assertThat(billing.get("concurrency").asInt()).isEqualTo(4);
		assertThat(billing.get("batchSize").asInt()).isEqualTo(20);
		assertThat(billing.get("leaseMs").asLong()).isEqualTo(1000);
		assertThat(billing.get("processed").asLong()).isEqualTo(3);
		assertThat(billing.get("ordered").asBoolean()).isFalse();
		assertThat(billing.has("partitionKey")).isFalse();
		JsonNode shipping = find(report.get("handlers"), "id", "shipping");
		assertThat(shipping.get("processed").asLong()).isEqualTo(2);
		assertThat(shipping.get("failed").asLong()).isEqualTo(2);
		assertThat(shipping.get("retried").asLong()).isEqualTo(1);
		assertThat(shipping.get("deadLettered").asLong()).isEqualTo(1);
	}

	@Test
	void showsAStreamWithItsDeadLettersAndRedrivesThem() throws Exception {
		String id = this.template.send(RETURNS, new Order("r-1", true));
		await().atMost(WAIT).until(() -> this.events.stream(RETURNS).deadLetterStream().length() == 1);
		JsonNode detail = get("/actuator/redisevents/streams/" + RETURNS, 200);
		assertThat(detail.get("name").asString()).isEqualTo(RETURNS);
		assertThat(detail.get("pendingEntries").isArray()).isTrue();
		JsonNode letter = detail.get("deadLetters").get(0);
		assertThat(letter.get("metadata").get("originalId").asString()).isEqualTo(id);
		assertThat(letter.get("metadata").get("attempts").asInt()).isEqualTo(2);
		assertThat(letter.get("metadata").get("consumerGroup").asString()).isEqualTo("returns");
		assertThat(letter.has("payload")).isFalse();
		this.handlers.fixed.set(true);
		JsonNode redrive = post("/actuator/redisevents/streams/" + RETURNS, "redrive-dead-letters", 200);
		assertThat(redrive.get("redriven").asInt()).isEqualTo(1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.returned).containsExactly("r-1"));
		assertThat(this.events.stream(RETURNS).deadLetterStream().length()).isZero();
	}

	@Test
	void pausesAndResumesAHandler() throws Exception {
		await().atMost(WAIT)
			.until(() -> "RUNNING".equals(get("/actuator/redisevents/handlers/audit", 200).get("state").asString()));
		JsonNode paused = post("/actuator/redisevents/handlers/audit", "pause", 200);
		assertThat(paused.get("state").asString()).isEqualTo("PAUSED");
		this.template.send(AUDIT, new Order("a-1", false));
		JsonNode resumed = post("/actuator/redisevents/handlers/audit", "resume", 200);
		assertThat(resumed.get("state").asString()).isEqualTo("RUNNING");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.audited).containsExactly("a-1"));
	}

	@Test
	void answersBadRequestsAndUnknownNames() throws Exception {
		get("/actuator/redisevents/things/x", 400);
		get("/actuator/redisevents/handlers/nope", 404);
		get("/actuator/redisevents/streams/" + SharedRedis.uniqueName("missing"), 404);
		post("/actuator/redisevents/handlers/audit", "explode", 400);
		post("/actuator/redisevents/handlers/nope", "pause", 400);
		post("/actuator/redisevents/streams/" + AUDIT, "delete", 400);
	}

	@Test
	void reportsHealthOfRedisAndHandlers() throws Exception {
		JsonNode health = get("/actuator/health/redisevents", 200);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("redis").asString()).isEqualTo("reachable");
		assertThat(health.get("details").get("handlers").get("billing").get("state").asString()).isIn("RUNNING",
				"STARTING");
	}

	@Test
	void exposesTheSharedMetersToPrometheus() throws Exception {
		this.template.send(ORDERS, new Order("p-1", false));
		await().atMost(WAIT).until(() -> this.registry.getProcessor("billing").stats().processed() >= 1);
		await().atMost(WAIT).untilAsserted(() -> {
			String scrape = text("/actuator/prometheus");
			assertThat(scrape).contains("redis_stream_messages_processed_total{")
				.contains("consumer_group=\"billing\"")
				.contains("stream_name=\"" + ORDERS + "\"")
				.contains("status=\"success\"")
				.contains("redis_stream_processing_duration_seconds_bucket{")
				.contains("redis_stream_batch_size")
				.contains("redis_stream_pending_messages{")
				.contains("redis_stream_consumer_lag{")
				.contains("redis_stream_dead_letter_length{")
				.contains("redis_stream_messages_in_flight{")
				.contains("redis_stream_messages_retried_total{")
				.contains("redis_stream_message_wait_seconds_bucket{");
		});
	}

	private JsonNode get(String path, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
		return (status == 200) ? this.json.readTree(response.body()) : this.json.nullNode();
	}

	private String text(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private JsonNode post(String path, String action, int status) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST %s %s: %s", path, action, response.body()).isEqualTo(status);
		return (status == 200) ? this.json.readTree(response.body()) : this.json.nullNode();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		List<String> seen = new ArrayList<>();
		for (JsonNode node : array) {
			if (value.equals(node.get(field).asString())) {
				return node;
			}
			seen.add(node.get(field).asString());
		}
		throw new AssertionError("No element with " + field + "=" + value + " among " + seen);
	}

	record Order(String orderId, boolean flagged) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		final AtomicBoolean fixed = new AtomicBoolean();

		final List<String> returned = new CopyOnWriteArrayList<>();

		final List<String> audited = new CopyOnWriteArrayList<>();

		@Value("${test.orders}")
		String orders;

		@RedisEventHandler(id = "billing", stream = "${test.orders}", group = "billing", concurrency = "4",
				produceEvents = "true")
		void bill(QueueItem<Order> item) {
			item.reportProgress(0.5, "charged");
		}

		@RedisEventHandler(id = "shipping", stream = "${test.orders}", group = "shipping", maxAttempts = "2")
		void ship(Order order) {
			if (order.flagged()) {
				throw new IllegalStateException("Order " + order.orderId() + " is flagged");
			}
		}

		@RedisEventHandler(id = "returns", stream = "${test.returns}", group = "returns", maxAttempts = "2")
		void takeBack(Order order) {
			if (order.flagged() && !this.fixed.get()) {
				throw new IllegalStateException("Order " + order.orderId() + " is flagged");
			}
			this.returned.add(order.orderId());
		}

		@RedisEventHandler(id = "audit", stream = "${test.audit}", group = "audit")
		void audit(Order order) {
			this.audited.add(order.orderId());
		}

	}

}
