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

import java.util.HashMap;
import java.util.Map;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A private {@code redis-server} on a free loopback port, without persistence, for the
 * length of the run: the test kit's {@code RedisServerProcess} (the {@code redis-server}
 * on the PATH, else the bundled one), with the statistics the benchmarks read.
 */
final class RedisServerProcess implements AutoCloseable {

	static final String HOST = "127.0.0.1";

	private final io.github.processredisevents.test.RedisServerProcess server;

	private RedisServerProcess(io.github.processredisevents.test.RedisServerProcess server) {
		this.server = server;
	}

	static RedisServerProcess start() {
		return new RedisServerProcess(io.github.processredisevents.test.RedisServerProcess.start());
	}

	int port() {
		return this.server.port();
	}

	HostAndPort address() {
		return new HostAndPort(HOST, port());
	}

	Jedis connect() {
		return new Jedis(HOST, port());
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
		this.server.close();
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
