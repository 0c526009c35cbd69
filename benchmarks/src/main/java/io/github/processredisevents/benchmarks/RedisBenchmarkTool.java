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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code redis-benchmark} with an {@code XADD} of the same payload, on one
 * connection, and reads its requests per second.
 */
final class RedisBenchmarkTool {

	private static final Pattern RATE = Pattern.compile("([0-9.]+) requests per second");

	private final RedisServerProcess redis;

	RedisBenchmarkTool(RedisServerProcess redis) {
		this.redis = redis;
	}

	/**
	 * @param requests how many {@code XADD}s
	 * @param pipeline how many requests per round trip
	 * @return requests per second, or NaN if it could not run
	 */
	double xadd(String key, int requests, int pipeline) {
		List<String> command = List.of("redis-benchmark", "-h", RedisServerProcess.HOST, "-p",
				Integer.toString(this.redis.port()), "-c", "1", "-n", Integer.toString(requests), "-P",
				Integer.toString(pipeline), "-q", "XADD", key, "*", "data", Payloads.json(1, System.nanoTime()));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				return Double.NaN;
			}
			Matcher matcher = RATE.matcher(output);
			double rate = Double.NaN;
			while (matcher.find()) {
				rate = Double.parseDouble(matcher.group(1));
			}
			return rate;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run redis-benchmark", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

}
