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

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.processredisevents.benchmarks.BarChart.Group;
import io.github.processredisevents.benchmarks.BarChart.Panel;
import io.github.processredisevents.benchmarks.BarChart.Series;

/**
 * The chart of a run: drain throughput, latency percentiles and publishing throughput.
 */
final class ResultChart {

	private static final Color BLUE = new Color(31, 119, 180);

	private ResultChart() {
	}

	static void write(Path file, Results results) {
		List<Panel> panels = new ArrayList<>();
		if (!results.drain.isEmpty()) {
			panels.add(
					throughput(String.format("Drain %,d entries, one consumer: msgs/s, median of %d (higher is better)",
							results.settings.drainEntries(), results.settings.rounds()), results.drain));
		}
		if (!results.latency.isEmpty()) {
			List<Group> groups = new ArrayList<>();
			for (LatencyResult result : results.latency) {
				groups.add(new Group(String.format("%s @ %,d/s", result.name(), result.rate()), result.ours(),
						List.of(result.p50() / 1e6, result.p99() / 1e6, result.p999() / 1e6)));
			}
			panels.add(new Panel("Latency from add to handler start, ms, log scale (lower is better)",
					List.of(new Series("p50", new Color(158, 202, 225)), new Series("p99", BLUE),
							new Series("p99.9", new Color(8, 48, 107))),
					groups, true, " ms", 3));
		}
		if (!results.publish.isEmpty()) {
			panels.add(throughput("Publishing on one connection: msgs/s, median of " + results.settings.rounds(),
					results.publish));
		}
		Machine machine = results.machine;
		BarChart.write(file, "process-redis-events: side-by-side benchmarks",
				String.format(
						"%d cores, %.0f GB, %s, Redis %s on loopback; %s; bold = this library, grey = alternatives",
						machine.cores(), machine.memoryGb(), machine.jdk(), machine.redis(), machine.started()),
				panels);
	}

	private static Panel throughput(String title, List<Throughput> results) {
		List<Group> groups = new ArrayList<>();
		for (Throughput result : results) {
			groups.add(new Group(result.name(), result.ours(), List.of(result.median())));
		}
		return new Panel(title, List.of(new Series("msgs/s", BLUE)), groups, false, "", 0);
	}

}
