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

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sizes of every scenario, full or {@code --quick}, and which scenarios run
 * ({@code --only drain,latency,publish,leases,stability,observation}).
 *
 * @param quick whether this is a smoke run
 * @param output where the table and chart go
 * @param scenarios the scenarios to run
 * @param filter keeps only the drain and latency candidates whose name contains it
 * @param drainEntries entries per drain run
 * @param drainWarmUp entries of each candidate's warm-up drain
 * @param rounds measured rounds (the median is reported)
 * @param latencyWarmUp warm-up at each rate, not counted
 * @param latencyMeasured measured time at each rate
 * @param publishSingles entries sent one at a time per run
 * @param publishPipelined entries sent pipelined per run
 * @param leaseHandler how long each long handler runs
 * @param leaseWindow how long the heartbeat cost is measured
 * @param stabilityEntries entries through one consumer
 * @param stabilityTimeout the longest the stability run may take
 */
record Settings(boolean quick, Path output, Set<String> scenarios, String filter, int drainEntries, int drainWarmUp,
		int rounds, Duration latencyWarmUp, Duration latencyMeasured, int publishSingles, int publishPipelined,
		Duration leaseHandler, Duration leaseWindow, long stabilityEntries, Duration stabilityTimeout) {

	static final List<String> ALL = List.of("drain", "latency", "publish", "leases", "stability", "observation");

	static final int PIPELINE_CHUNK = 100;

	static final List<Integer> LATENCY_RATES = List.of(500, 2_000, 10_000);

	static final List<Integer> LEASE_IN_FLIGHT = List.of(100, 1_000);

	static final Duration LEASE = Duration.ofSeconds(1);

	static Settings parse(String[] args) {
		boolean quick = false;
		Path output = Path.of("benchmarks", "target", "results");
		Set<String> scenarios = new LinkedHashSet<>(ALL);
		String filter = "";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--out" -> output = Path.of(args[++i]);
				case "--only" -> scenarios = new LinkedHashSet<>(List.of(args[++i].split(",")));
				case "--filter" -> filter = args[++i];
				default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
						+ "'; use --quick, --out DIR, --filter TEXT, --only " + String.join(",", ALL));
			}
		}
		if (quick) {
			return new Settings(true, output, scenarios, filter, 20_000, 5_000, 3, Duration.ofSeconds(1),
					Duration.ofSeconds(2), 5_000, 50_000, Duration.ofMillis(2500), Duration.ofMillis(1500), 200_000,
					Duration.ofMinutes(2));
		}
		return new Settings(false, output, scenarios, filter, 200_000, 50_000, 3, Duration.ofSeconds(2),
				Duration.ofSeconds(10), 50_000, 500_000, Duration.ofSeconds(4), Duration.ofSeconds(3), 5_000_000,
				Duration.ofMinutes(6));
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	List<Candidate> filter(List<Candidate> candidates) {
		return candidates.stream().filter((candidate) -> candidate.name().contains(this.filter)).toList();
	}

}
