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

package io.github.processredisevents.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 10 and the {@code spring.data.redis.ssl} part of 14 through the Spring Boot
 * starter.
 */
class StarterIntegrationTests {

	@Test
	void anApplicationStartsWhileRedisIsDownAndConsumesOnceItAppears() throws Exception {
		try (Scenario scenario = Scenario.start("s10s")) {
			scenario.redis().shutdown();
			ConfigurableApplicationContext context = scenario
				.track(start(scenario, "spring.data.redis.port=" + scenario.redis().port()));
			StreamProcessor processor = context.getBean(RedisEventHandlerRegistry.class)
				.getProcessor(StarterApplication.HANDLER);
			assertThat(processor).isNotNull();
			await().atMost(Duration.ofSeconds(20)).until(() -> processor.health().lastError() != null);
			String lastError = processor.health().lastError();
			scenario.redis().restart();
			long appeared = System.nanoTime();
			scenario.add(scenario.connect().stream(Scenario.STREAM), 50);
			GroupProbe probe = scenario.probe();
			Duration recovery = probe.awaitRecovery(appeared, 0, Duration.ofSeconds(30));
			Duration drain = probe.awaitDrain(appeared, Duration.ofSeconds(30), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, recovery, drain,
					processor.health().loopAlive() ? 1 : 0, 1);
			ReliabilityReport.add("10s", "Redis unavailable when the Spring Boot application starts (starter)", figures,
					"context started while Redis was down; handler health \"" + lastError + "\" until Redis appeared");
			assertThat(lastError).contains("127.0.0.1:" + scenario.redis().port());
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void anApplicationConsumesOverTlsWithSpringDataRedisSsl() throws Exception {
		TestCertificate certificate = TestCertificate.create();
		int tlsPort = RedisServer.freePort();
		try (Scenario scenario = Scenario.start("s14s",
				Map.of("tls-port", Integer.toString(tlsPort), "tls-cert-file", certificate.certificate().toString(),
						"tls-key-file", certificate.key().toString(), "tls-ca-cert-file",
						certificate.certificate().toString(), "tls-auth-clients", "no"))) {
			ConfigurableApplicationContext context = scenario.track(start(scenario, "spring.data.redis.port=" + tlsPort,
					"spring.data.redis.ssl.enabled=true", "spring.data.redis.ssl.bundle=redis",
					"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + certificate.certificate()));
			StreamProcessor processor = context.getBean(RedisEventHandlerRegistry.class)
				.getProcessor(StarterApplication.HANDLER);
			assertThat(processor).isNotNull();
			assertThat(processor.awaitRunning(Duration.ofSeconds(20))).isTrue();
			scenario.add(scenario.connect().stream(Scenario.STREAM), 100);
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(30), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					processor.health().loopAlive() ? 1 : 0, 1);
			ReliabilityReport.add("14s", "TLS through spring.data.redis.ssl with a PEM bundle (starter)", figures,
					"the starter's command and reading connections on the TLS port only");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void payloadsNeverAppearInActuatorOutputOrLogs() throws Exception {
		String canary = "CANARY-9c4b7a";
		try (Scenario scenario = Scenario.start("s14e")) {
			ConfigurableApplicationContext context = scenario
				.track(start(scenario, "spring.data.redis.port=" + scenario.redis().port(),
						"redis-events.handlers." + StarterApplication.HANDLER + ".max-attempts=1"));
			// Spring Boot resets logging while it starts: capture from here on
			LogCapture logs = scenario.track(LogCapture.capture());
			RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
			RedisEventStream stream = context.getBean(RedisEvents.class).stream(Scenario.STREAM);
			stream.add("fine " + canary);
			stream.add("poison " + canary);
			stream.addJson("not json " + canary);
			GroupProbe probe = scenario.probe();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> probe.deadLetteredIds("stream:dlq:" + Scenario.STREAM).size() == 2 && probe.drained());
			RedisEventsEndpoint endpoint = new RedisEventsEndpoint(context.getBean(RedisEvents.class), registry, false,
					20);
			JsonMapper json = JsonMapper.builder().build();
			String output = json.writeValueAsString(endpoint.report())
					+ json.writeValueAsString(endpoint.detail("streams", Scenario.STREAM))
					+ json.writeValueAsString(endpoint.detail("handlers", StarterApplication.HANDLER));
			List<String> leaks = logs.lines().stream().filter((line) -> line.contains(canary)).toList();
			ReliabilityReport.addCheck("14e", "Canary payloads and the Actuator endpoint (starter, show-payloads off)",
					"endpoint report, stream detail (with 2 dead letters) and handler detail: " + output.length()
							+ " characters, canary found: " + output.contains(canary) + "; " + logs.lines().size()
							+ " log lines at INFO and above, " + leaks.size() + " with the canary");
			assertThat(output).contains("deadLetters").doesNotContain(canary);
			assertThat(leaks).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(Scenario scenario, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.data.redis.host=127.0.0.1");
		all.add("reliability.ledger=" + scenario.ledger().file("starter"));
		all.add("spring.main.banner-mode=off");
		return new SpringApplicationBuilder(StarterApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
