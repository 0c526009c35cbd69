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
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.processredisevents.core.RedisEvents;

/**
 * Runs every scenario of the benchmark in one process against a private
 * {@code redis-server} on a free loopback port, prints one table (Markdown) and writes it
 * with a chart to {@code benchmarks/target/results}.
 *
 * <pre>
 * ./benchmarks/run.sh [--quick] [--out DIR] [--only drain,latency,publish,leases,stability,observation]
 * </pre>
 */
public final class BenchmarkApplication {

	private BenchmarkApplication() {
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		Settings settings = Settings.parse(args);
		Progress progress = new Progress();
		long start = System.nanoTime();
		try (RedisServerProcess redis = RedisServerProcess.start();
				RedisEvents events = RedisEvents.connect(redis.address())) {
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-server-stop"));
			progress.line("redis-server %s on %s:%d", redis.version(), RedisServerProcess.HOST, redis.port());
			Results results = new Results(settings, Machine.describe(redis.version()));
			results.loads.put("start", Machine.load());
			if (settings.runs("drain")) {
				results.drain
					.addAll(new DrainBenchmark(redis, progress).run(settings.filter(Candidates.drain(redis, events)),
							settings.drainEntries(), settings.drainWarmUp(), settings.rounds()));
				results.loads.put("after drain", Machine.load());
			}
			if (settings.runs("latency")) {
				results.latency.addAll(
						new LatencyBenchmark(redis, progress).run(settings.filter(Candidates.latency(redis, events)),
								Settings.LATENCY_RATES, settings.latencyWarmUp(), settings.latencyMeasured()));
				results.loads.put("after latency", Machine.load());
			}
			if (settings.runs("publish")) {
				results.publish.addAll(new PublishBenchmark(redis, events, progress).run(settings.publishSingles(),
						settings.publishPipelined(), Settings.PIPELINE_CHUNK, settings.rounds()));
				results.loads.put("after publishing", Machine.load());
			}
			if (settings.runs("leases")) {
				LeaseCostBenchmark leases = new LeaseCostBenchmark(redis, events, progress);
				for (int inFlight : Settings.LEASE_IN_FLIGHT) {
					results.leases
						.add(leases.run(inFlight, Settings.LEASE, settings.leaseHandler(), settings.leaseWindow()));
				}
				results.loads.put("after long handlers", Machine.load());
			}
			if (settings.runs("stability")) {
				results.stability = new StabilityBenchmark(redis, events, progress).run(settings.stabilityEntries(),
						Candidates.TUNED_BATCH, Candidates.TUNED_CONCURRENCY, settings.stabilityTimeout());
				results.loads.put("after stability", Machine.load());
			}
			if (settings.runs("observation")) {
				try (ObservationCandidates candidates = new ObservationCandidates(redis.address())) {
					results.observation.addAll(new DrainBenchmark(redis, progress, ObservationCandidates.TRACE_FIELDS)
						.run(candidates.list(), settings.drainEntries(), settings.drainWarmUp(), settings.rounds()));
				}
				results.loads.put("after observation", Machine.load());
			}
			results.seconds = (System.nanoTime() - start) / 1e9;
			String table = MarkdownReport.render(results);
			System.out.println(table);
			Files.createDirectories(settings.output());
			Files.writeString(settings.output().resolve("results.md"), table);
			Path chart = settings.output().resolve("results.png");
			ResultChart.write(chart, results);
			progress.line("wrote %s and %s", settings.output().resolve("results.md"), chart);
		}
	}

}
