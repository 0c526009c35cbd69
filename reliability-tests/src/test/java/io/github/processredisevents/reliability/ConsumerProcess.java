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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@link ChildConsumer} in a JVM of its own, to be killed (SIGKILL), stopped
 * (SIGSTOP/SIGCONT) or terminated (SIGTERM). Its output goes to a log file in the ledger
 * directory.
 */
public final class ConsumerProcess implements AutoCloseable {

	private final String consumer;

	private final Process process;

	private final Path log;

	private ConsumerProcess(String consumer, Process process, Path log) {
		this.consumer = consumer;
		this.process = process;
		this.log = log;
	}

	/**
	 * Start a consumer JVM and wait until it processes.
	 * @param ledger the ledger it writes to (a file named after the consumer)
	 * @param consumer its consumer id
	 * @param settings the system properties of {@link ChildConsumer}
	 * @return the running process
	 */
	public static ConsumerProcess start(Ledger ledger, String consumer, Map<String, Object> settings) {
		return start(ledger, consumer, settings, ChildConsumer.class);
	}

	/**
	 * Start a consumer JVM with a {@code main} of its own and wait until it prints
	 * {@code READY}.
	 * @param ledger the ledger it writes to (a file named after the consumer)
	 * @param consumer its consumer id
	 * @param settings the system properties of {@code main}
	 * @param main the class whose {@code main} runs, such as {@link ChildConsumer}
	 * @return the running process
	 */
	public static ConsumerProcess start(Ledger ledger, String consumer, Map<String, Object> settings, Class<?> main) {
		Map<String, Object> properties = new LinkedHashMap<>(settings);
		properties.put("consumer", consumer);
		properties.put("ledger", ledger.file(consumer).toString());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx128m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		Path log = ledger.directory().resolve(consumer + ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ConsumerProcess child = new ConsumerProcess(consumer, process, log);
			child.awaitOutput("READY", Duration.ofSeconds(40));
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Its consumer id.
	 * @return the id
	 */
	public String consumer() {
		return this.consumer;
	}

	/**
	 * Send a signal: KILL, STOP, CONT or TERM.
	 * @param signal the signal name
	 */
	public void signal(String signal) {
		Signals.send(this.process.pid(), signal);
	}

	/**
	 * Whether it runs.
	 * @return whether it runs
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Wait for it to exit.
	 * @param timeout how long at most
	 * @return whether it exited
	 */
	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Its output so far.
	 * @return the output
	 */
	public String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait until its output contains {@code text}.
	 * @param text the text
	 * @param atMost how long at most
	 */
	public void awaitOutput(String text, Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!this.process.isAlive() && !output().contains(text)) {
				throw new IllegalStateException(
						"Consumer " + this.consumer + " exited; its output:" + File.separator + output());
			}
			return output().contains(text);
		});
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			awaitExit(Duration.ofSeconds(10));
		}
	}

}
