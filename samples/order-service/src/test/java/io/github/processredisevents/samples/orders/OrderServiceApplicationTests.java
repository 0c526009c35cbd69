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

package io.github.processredisevents.samples.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.processredisevents.core.RedisEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end: no Redis answers at the configured address (port 1), so the
 * development fallback starts one; orders placed over HTTP are billed and shipped, a
 * flagged order is dead-lettered, reviewed, redriven through the Actuator endpoint and
 * shipped.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.port=1", "shipping.max-attempts=2" })
class OrderServiceApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Environment environment;

	@Autowired
	private Billing billing;

	@Autowired
	private Shipping shipping;

	@Autowired
	private RedisEvents events;

	@Test
	void startsADevelopmentRedisWhenNoneAnswers() {
		assertThat(this.context.containsBean("developmentRedis")).isTrue();
		assertThat(this.environment.getProperty("spring.data.redis.port", Integer.class)).isNotEqualTo(1);
		assertThat(this.environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
	}

	@Test
	void processesAnOrderEndToEnd() throws Exception {
		JsonNode placed = post("/orders", "{\"customer\":\"alice\",\"amount\":42.5}", 202);
		String orderId = placed.get("orderId").asString();
		assertThat(placed.get("entryId").asString()).matches("\\d+-\\d+");
		assertThat(placed.propertyNames()).containsExactly("orderId", "entryId");
		await().atMost(WAIT).until(() -> this.billing.charged(orderId) && this.shipping.shipped(orderId));
		JsonNode report = get("/actuator/redisevents");
		assertThat(report.get("handlers").findValuesAsString("id")).contains("billing", "shipping");
	}

	@Test
	void deadLettersAFlaggedOrderAndShipsItOnceReviewedAndRedriven() throws Exception {
		String orderId = post("/orders", "{\"customer\":\"mallory\",\"amount\":999,\"flagged\":true}", 202)
			.get("orderId")
			.asString();
		await().atMost(WAIT).until(() -> this.events.stream("orders").deadLetterStream().length() > 0);
		assertThat(this.shipping.shipped(orderId)).isFalse();
		post("/orders/" + orderId + "/review", "", 200);
		JsonNode redrive = post("/actuator/redisevents/streams/orders", "{\"action\":\"redrive-dead-letters\"}", 200);
		assertThat(redrive.get("redriven").asInt()).isPositive();
		await().atMost(WAIT).until(() -> this.shipping.shipped(orderId));
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private JsonNode post(String path, String body, int status) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return this.json.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
