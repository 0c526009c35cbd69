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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with no Redis and no development fallback: it starts, placing an order
 * answers 503 with a one-line reason, and health reports the outage through one indicator
 * without logging stack traces.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order-service.dev-redis.enabled=false", "spring.data.redis.host=127.0.0.1" })
@ExtendWith(OutputCaptureExtension.class)
class OrderServiceWhileRedisIsDownTests {

	private static final int REDIS_PORT = freePort();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void noRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", () -> REDIS_PORT);
	}

	@Test
	void placingAnOrderAnswers503WithAOneLineReason(CapturedOutput output) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"alice\",\"amount\":12.5}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).doesNotContain("\n");
		assertThat(this.json.readTree(response.body()).get("detail").asString())
			.isEqualTo("Redis is unreachable (Failed to connect to 127.0.0.1:" + REDIS_PORT
					+ ".); the order was not accepted, try again later");
		assertThat(output.toString()).doesNotContain("\tat redis.clients.jedis");
	}

	@Test
	void healthReportsTheOutageThroughOneIndicatorWithoutStackTraces(CapturedOutput output) throws Exception {
		for (int call = 0; call < 3; call++) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode components = this.json.readTree(response.body()).get("components");
			assertThat(components.has("redis")).isFalse();
			assertThat(components.get("redisevents").get("status").asString()).isEqualTo("DOWN");
			assertThat(components.get("redisevents").get("details").get("redis").asString())
				.isEqualTo("unreachable: Failed to connect to 127.0.0.1:" + REDIS_PORT + ".");
		}
		assertThat(output.toString()).doesNotContain("\tat ");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
