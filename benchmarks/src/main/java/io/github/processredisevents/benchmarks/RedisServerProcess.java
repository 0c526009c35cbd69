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

package io.github.processredisevents.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A private {@code redis-server} on a free loopback port, without persistence, for the
 * length of the run.
 */
final class RedisServerProcess implements AutoCloseable {

	static final String HOST = "127.0.0.1";

	private final int port;

	private final Process process;

	private RedisServerProcess(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	static RedisServerProcess start() {
		try {
			int port = freePort();
			Path directory = Files.createTempDirectory("redis-bench-");
			Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
					HOST, "--dir", directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
					"--loglevel", "warning"))
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("redis.log").toFile())
				.start();
			RedisServerProcess server = new RedisServerProcess(port, process);
			server.awaitReady();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server (is it on the PATH?)", ex);
		}
	}

	int port() {
		return this.port;
	}

	HostAndPort address() {
		return new HostAndPort(HOST, this.port);
	}

	Jedis connect() {
		return new Jedis(HOST, this.port);
	}

	String version() {
		try (Jedis jedis = connect()) {
			return section(jedis.info("server")).get("redis_version");
		}
	}

	/**
	 * Calls and microseconds per command since the last reset, from
	 * {@code INFO commandstats}.
	 */
	Map<String, CommandStat> commandStats() {
		try (Jedis jedis = connect()) {
			Map<String, CommandStat> stats = new HashMap<>();
			section(jedis.info("commandstats")).forEach((name, value) -> {
				Map<String, String> fields = new HashMap<>();
				for (String pair : value.split(",")) {
					String[] parts = pair.split("=", 2);
					fields.put(parts[0], parts[1]);
				}
				stats.put(name.replace("cmdstat_", ""),
						new CommandStat(Long.parseLong(fields.get("calls")), Long.parseLong(fields.get("usec"))));
			});
			return stats;
		}
	}

	/**
	 * CPU seconds Redis has used, user and system.
	 */
	double cpuSeconds() {
		try (Jedis jedis = connect()) {
			Map<String, String> cpu = section(jedis.info("cpu"));
			return Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys"));
		}
	}

	void resetStats() {
		try (Jedis jedis = connect()) {
			jedis.configResetStat();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (Jedis jedis = connect()) {
				jedis.ping();
				return;
			}
			catch (JedisConnectionException ex) {
				Pause.millis(20);
			}
		}
		close();
		throw new IllegalStateException("redis-server did not answer on port " + this.port);
	}

	private static Map<String, String> section(String info) {
		Map<String, String> values = new HashMap<>();
		for (String line : info.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (!line.startsWith("#") && colon > 0) {
				values.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return values;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

	/**
	 * One line of {@code INFO commandstats}.
	 *
	 * @param calls how many times the command ran
	 * @param usec microseconds Redis spent on it
	 */
	record CommandStat(long calls, long usec) {

		static final CommandStat NONE = new CommandStat(0, 0);

	}

}
