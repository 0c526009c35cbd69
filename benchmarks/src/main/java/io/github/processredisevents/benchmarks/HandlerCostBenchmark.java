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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler-count scenario: what 1, 50 and 200 idle handlers of one engine cost, each
 * count in a fresh JVM ({@link HandlerCostProbe}), for two builds of the core side by
 * side in one run (taken in turn, so that the machine's load falls on both alike). Run by
 * {@code benchmarks/handler-cost.sh}, which builds the older core.
 *
 * <pre>
 * java -cp benchmarks.jar HandlerCostBenchmark --classpath CP [--before CORE_JAR --before-name NAME] [--out DIR]
 * </pre>
 */
public final class HandlerCostBenchmark {

	private static final int[] HANDLERS = { 1, 50, 200 };

	private static final String SETTLE_SECONDS = "15";

	private static final String WINDOW_SECONDS = "10";

	private HandlerCostBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i], args[i + 1]);
		}
		String classpath = options.get("--classpath");
		Map<String, String> builds = new LinkedHashMap<>();
		if (options.containsKey("--before")) {
			// the older core first on the class path shadows the current one
			builds.put(options.getOrDefault("--before-name", "before"), options.get("--before") + ":" + classpath);
		}
		builds.put("after", classpath);
		Path out = Path.of(options.getOrDefault("--out", "benchmarks/target/results"));
		List<String> rows = new ArrayList<>();
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			System.err.printf("redis-server %s on port %d%n", redis.version(), redis.port());
			for (int handlers : HANDLERS) {
				for (Map.Entry<String, String> build : builds.entrySet()) {
					Map<String, String> result = probe(build.getValue(), handlers, redis.port());
					System.err.printf("%-10s %3d handlers: %s%n", build.getKey(), handlers, result);
					rows.add(row(build.getKey(), handlers, result));
				}
			}
		}
		String table = """
				| Handlers | Build | Threads (per handler) | Peak threads | Redis connections | Heap per handler | Idle commands/s per handler | Idle CPU per handler |
				|---:|---|---:|---:|---:|---:|---:|---:|
				"""
				+ String.join("\n", rows) + "\n";
		System.out.print(table);
		Files.createDirectories(out);
		Files.writeString(out.resolve("handler-cost.md"), table);
		System.err.println("wrote " + out.resolve("handler-cost.md"));
	}

	private static Map<String, String> probe(String classpath, int handlers, int port)
			throws IOException, InterruptedException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-XX:+UseSerialGC", "-cp", classpath, HandlerCostProbe.class.getName(), Integer.toString(handlers),
				Integer.toString(port), SETTLE_SECONDS, WINDOW_SECONDS);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, String> result = new LinkedHashMap<>();
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				if (line.startsWith("RESULT ")) {
					for (String pair : line.substring(7).split(" ")) {
						String[] parts = pair.split("=", 2);
						result.put(parts[0], parts[1]);
					}
				}
			}
		}
		process.waitFor();
		if (result.isEmpty()) {
			throw new IllegalStateException("The probe printed no result:\n" + output);
		}
		return result;
	}

	private static String row(String build, int handlers, Map<String, String> result) {
		int threads = Integer.parseInt(result.get("threads"));
		long heap = Long.parseLong(result.get("heapBytes"));
		double commands = Double.parseDouble(result.get("commandsPerSecond"));
		double cpu = Double.parseDouble(result.get("cpuMillisPerSecond"));
		return String.format("| %d | %s | %d (%.2f) | %s | %s | %.1f KB | %.2f | %.3f ms/s |", handlers, build, threads,
				threads / (double) handlers, result.get("peakThreads"), result.get("connections"),
				heap / 1024.0 / handlers, commands / handlers, cpu / handlers);
	}

}
