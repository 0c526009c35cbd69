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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import io.github.processredisevents.benchmarks.RedisServerProcess.CommandStat;
import redis.clients.jedis.Jedis;

/**
 * Scenario 1: a stream filled beforehand, drained by one consumer with a no-op handler,
 * timed from start until every entry is handled and acknowledged. Candidates take turns
 * (round-robin) so that a change of machine load hits them alike.
 */
final class DrainBenchmark {

	private static final String GROUP = "drain";

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** Commands the harness itself sends while a drain runs. */
	private static final Set<String> HARNESS_COMMANDS = Set.of("info", "config|resetstat", "xpending", "ping");

	private final RedisServerProcess redis;

	private final Progress progress;

	private final Map<String, String> extraFields;

	DrainBenchmark(RedisServerProcess redis, Progress progress) {
		this(redis, progress, Map.of());
	}

	/**
	 * A drain whose entries carry the given fields after {@code data}.
	 */
	DrainBenchmark(RedisServerProcess redis, Progress progress, Map<String, String> extraFields) {
		this.redis = redis;
		this.progress = progress;
		this.extraFields = extraFields;
	}

	List<Throughput> run(List<Candidate> candidates, int entries, int warmUpEntries, int rounds) {
		Map<Candidate, List<Run>> runs = new LinkedHashMap<>();
		candidates.forEach((candidate) -> runs.put(candidate, new ArrayList<>()));
		for (Candidate candidate : candidates) {
			Run run = once(candidate, warmUpEntries, "warm-up");
			this.progress.line("drain warm-up  %-54s %,10.0f msgs/s", candidate.name(), run.rate());
		}
		for (int round = 1; round <= rounds; round++) {
			for (Candidate candidate : candidates) {
				Run run = once(candidate, entries, "round " + round);
				runs.get(candidate).add(run);
				this.progress.line(
						"drain round %d  %-54s %,10.0f msgs/s, CPU per msg: JVM %.1f us, Redis %.1f us, %.3f commands",
						round, candidate.name(), run.rate(), run.jvmMicros(), run.redisMicros(), run.commands());
			}
		}
		List<Throughput> results = new ArrayList<>();
		runs.forEach((candidate, measured) -> results.add(new Throughput(candidate.name(), candidate.ours(),
				measured.stream().map(Run::rate).toList(), measured.stream().map(Run::jvmMicros).toList(),
				measured.stream().map(Run::redisMicros).toList(), measured.stream().map(Run::commands).toList())));
		return results;
	}

	private Run once(Candidate candidate, int entries, String label) {
		String name = "drain-" + Math.abs((candidate.name() + label).hashCode());
		String key = StreamSetup.key(name);
		try (Jedis jedis = this.redis.connect()) {
			StreamSetup.delete(jedis, name);
			StreamSetup.fill(jedis, key, entries, this.extraFields);
			StreamSetup.createGroup(jedis, key, GROUP);
			LongAdder handled = new LongAdder();
			long elapsed;
			long jvmCpu;
			double redisCpu;
			Map<String, CommandStat> commands;
			try (QueueConsumer consumer = candidate.factory().get()) {
				long jvmCpuStart = Machine.processCpuNanos();
				Map<String, Long> threadsBefore = ThreadCpu.byRole();
				long switchesBefore = ThreadCpu.contextSwitches();
				double redisCpuStart = this.redis.cpuSeconds();
				this.redis.resetStats();
				long start = System.nanoTime();
				consumer.start(key, GROUP, (order) -> handled.increment());
				boolean done = Await.until(() -> handled.sum() >= entries, TIMEOUT)
						&& Await.until(() -> StreamSetup.pending(jedis, key, GROUP) == 0, TIMEOUT);
				elapsed = System.nanoTime() - start;
				jvmCpu = Machine.processCpuNanos() - jvmCpuStart;
				redisCpu = this.redis.cpuSeconds() - redisCpuStart;
				commands = this.redis.commandStats();
				Map<String, Long> threads = ThreadCpu.byRole();
				double switches = (double) (ThreadCpu.contextSwitches() - switchesBefore) / entries;
				Map<String, String> perEntry = new java.util.TreeMap<>();
				threads.forEach((role, nanos) -> {
					long before = threadsBefore.getOrDefault(role, 0L);
					if (nanos - before > 0) {
						perEntry.put(role, String.format("%.2f", (nanos - before) / 1e3 / entries));
					}
				});
				this.progress.line("  thread CPU us/msg: %s; context switches/msg %.2f", perEntry, switches);
				if (!done) {
					this.progress.line("  %s timed out with %d of %d handled", candidate.name(), handled.sum(),
							entries);
					return new Run(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
				}
			}
			StreamSetup.delete(jedis, name);
			long calls = commands.entrySet()
				.stream()
				.filter((entry) -> !HARNESS_COMMANDS.contains(entry.getKey()))
				.mapToLong((entry) -> entry.getValue().calls())
				.sum();
			return new Run(entries / (elapsed / 1e9), jvmCpu / 1e3 / entries, redisCpu * 1e6 / entries,
					(double) calls / entries);
		}
	}

	/**
	 * One measured drain.
	 *
	 * @param rate messages per second
	 * @param jvmMicros CPU microseconds of this JVM per message
	 * @param redisMicros CPU microseconds of Redis per message
	 * @param commands Redis commands per message
	 */
	record Run(double rate, double jvmMicros, double redisMicros, double commands) {

	}

}
