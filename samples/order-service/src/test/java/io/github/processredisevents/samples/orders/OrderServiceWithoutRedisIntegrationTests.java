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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.processredisevents.test.RedisServerBinary;
import io.github.processredisevents.test.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Command 1 on a machine with a JDK and nothing else: the sample runs in a JVM of its own
 * whose PATH has no {@code redis-server} (an empty directory), with nothing listening on
 * the configured Redis port. It starts the Redis bundled with the test kit, handles an
 * order through both handlers, and stops that Redis when it exits.
 */
class OrderServiceWithoutRedisIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final Pattern DEVELOPMENT_REDIS = Pattern
		.compile("started a DEVELOPMENT Redis (\\S+) for this run: (.*?) on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)");

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void startsTheBundledRedisAndHandlesAnOrder(@TempDir Path directory) throws Exception {
		Path emptyPath = Files.createDirectory(directory.resolve("bin"));
		Path log = directory.resolve("order-service.log");
		int redisPort = RedisServerProcess.freePort();
		int httpPort = RedisServerProcess.freePort();
		assertThat(RedisServerProcess.answersPing("localhost", redisPort)).isFalse();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				OrderServiceApplication.class.getName(), "--server.port=" + httpPort,
				"--spring.data.redis.port=" + redisPort)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("PATH", emptyPath.toString());
		Process application = builder.start();
		try {
			await().atMost(WAIT).until(() -> !application.isAlive() || health(httpPort).isPresent());
			assertThat(application.isAlive()).as(() -> read(log)).isTrue();
			Matcher started = DEVELOPMENT_REDIS.matcher(read(log));
			assertThat(started.find()).as(() -> read(log)).isTrue();
			assertThat(started.group(1)).isEqualTo(RedisServerBinary.BUNDLED_VERSION);
			assertThat(started.group(2)).contains("bundled Redis");
			assertThat(read(log)).contains("every feature of the sample works on it");
			long redisPid = Long.parseLong(started.group(4));

			JsonNode placed = post(httpPort, "/orders", "{\"customer\":\"alice\",\"amount\":42.5}");
			String orderId = placed.get("orderId").asString();
			await().atMost(WAIT).until(() -> read(log).contains("Shipped order " + orderId));
			JsonNode report = get(httpPort, "/actuator/redisevents");
			assertThat(report.get("handlers").findValues("processed"))
				.allSatisfy((processed) -> assertThat(processed.asLong()).isPositive());
			assertThat(report.get("streams").get(0).get("groups").findValues("lag"))
				.allSatisfy((lag) -> assertThat(lag.asLong()).isZero());

			application.destroy();
			assertThat(application.waitFor(60, TimeUnit.SECONDS)).isTrue();
			// the development Redis stops after the handlers, never under them
			assertThat(read(log)).contains("Stopped consumer").doesNotContain("lost Redis");
			await().atMost(WAIT)
				.until(() -> ProcessHandle.of(redisPid).map((handle) -> !handle.isAlive()).orElse(true));
		}
		finally {
			application.destroyForcibly();
		}
	}

	private Optional<String> health(int port) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri(port, "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? Optional.of(response.body()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(port, path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private JsonNode post(int port, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(port, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(List.of(200, 202));
		return this.json.readTree(response.body());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
