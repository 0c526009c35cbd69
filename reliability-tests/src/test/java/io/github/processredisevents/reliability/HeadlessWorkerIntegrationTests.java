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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.processredisevents.core.RedisEventStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker service without a web server ({@link HeadlessWorkerApplication}) in a JVM of
 * its own: it stays up while its handler runs, without {@code spring.main.keep-alive},
 * and {@code SIGTERM} stops it gracefully.
 */
class HeadlessWorkerIntegrationTests {

	/**
	 * The JVM's status after an orderly shutdown begun by {@code SIGTERM}: 128 + 15. The
	 * JVM's own signal handler exits with it after running the shutdown hooks, whatever
	 * the application does.
	 */
	private static final int SIGTERM_EXIT_STATUS = 143;

	@Test
	void aWorkerWithoutWebServerStaysUpHandlesEntriesAndStopsGracefullyOnSigterm() throws Exception {
		try (Scenario scenario = Scenario.start("headless")) {
			Path log = scenario.ledger().directory().resolve("worker.log");
			Process worker = launch(scenario, log);
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> output(log).contains("is processing stream"));
				// what exited before: an application whose engine threads are all daemons
				Scenario.pause(Duration.ofSeconds(5));
				assertThat(worker.isAlive()).as("worker alive five seconds after it started:%n%s", output(log))
					.isTrue();
				RedisEventStream stream = scenario.connect().stream(Scenario.STREAM);
				List<String> fast = scenario.add(stream, 20);
				List<String> slow = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					slow.add(stream.add("slow-" + i));
				}
				await().atMost(Duration.ofSeconds(30))
					.until(() -> doneIds(scenario).containsAll(fast) && startedIds(scenario).containsAll(slow));
				assertThat(doneIds(scenario)).doesNotContainAnyElementsOf(slow);
				worker.destroy();
				assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("worker exited").isTrue();
				assertThat(worker.exitValue()).as("exit status; output:%n%s", output(log))
					.isEqualTo(SIGTERM_EXIT_STATUS);
				assertThat(doneIds(scenario)).containsAll(slow);
				GroupProbe probe = scenario.probe();
				assertThat(probe.pending()).isZero();
				assertThat(probe.acknowledged()).isEqualTo(fast.size() + slow.size());
				assertThat(output(log)).contains("Stopped consumer").doesNotContain("still ran after the shutdown");
			}
			finally {
				worker.destroyForcibly();
			}
		}
	}

	@Test
	void anApplicationWithoutHandlersKeepsNothingAlive() throws Exception {
		try (Scenario scenario = Scenario.start("headless-none")) {
			Path log = scenario.ledger().directory().resolve("worker.log");
			Process worker = launch(scenario, log, "--worker.handler.enabled=false");
			try {
				assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("exited by itself; output:%n%s", output(log))
					.isTrue();
				assertThat(worker.exitValue()).isZero();
				assertThat(output(log)).contains("Started HeadlessWorkerApplication");
			}
			finally {
				worker.destroyForcibly();
			}
		}
	}

	private static Process launch(Scenario scenario, Path log, String... extraArguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx128m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(HeadlessWorkerApplication.class.getName());
		command.add("--spring.main.web-application-type=none");
		command.add("--spring.main.banner-mode=off");
		command.add("--spring.data.redis.host=" + scenario.redis().host());
		command.add("--spring.data.redis.port=" + scenario.redis().port());
		command.add("--redis-events.shutdown-timeout=30s");
		command.add("--reliability.ledger=" + scenario.ledger().file("worker"));
		command.addAll(List.of(extraArguments));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static List<String> doneIds(Scenario scenario) {
		return ids(scenario, LedgerRecord.Kind.DONE);
	}

	private static List<String> startedIds(Scenario scenario) {
		return ids(scenario, LedgerRecord.Kind.STARTED);
	}

	private static List<String> ids(Scenario scenario, LedgerRecord.Kind kind) {
		return scenario.ledger()
			.records()
			.stream()
			.filter((record) -> record.kind() == kind)
			.map(LedgerRecord::id)
			.toList();
	}

	private static String output(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
