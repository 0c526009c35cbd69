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

import java.util.stream.Collectors;

/**
 * The results as Markdown tables: what is printed, and what goes into the docs.
 */
final class MarkdownReport {

	private MarkdownReport() {
	}

	static String render(Results results) {
		StringBuilder out = new StringBuilder();
		Machine machine = results.machine;
		out.append(String.format("Run of %s%s, %.0f s. Machine: %d cores, %.1f GB RAM, %s, %s, Redis %s on loopback.%n",
				machine.started(), results.settings.quick() ? " (--quick)" : "", results.seconds, machine.cores(),
				machine.memoryGb(), machine.jdk(), machine.os(), machine.redis()));
		out.append("Load average (1 min) seen by the run: ")
			.append(results.loads.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " " + String.format("%.2f", entry.getValue()))
				.collect(Collectors.joining(", ")))
			.append("\n\n");
		drain(out, results);
		latency(out, results);
		publish(out, results);
		leases(out, results);
		stability(out, results);
		observation(out, results);
		targets(out, results);
		return out.toString();
	}

	private static void drain(StringBuilder out, Results results) {
		if (results.drain.isEmpty()) {
			return;
		}
		double spring = results.drainRate(Candidates.SPRING_JEDIS).orElse(Double.NaN);
		double plain = results.drainRate(Candidates.PLAIN_BATCH_ACK).orElse(Double.NaN);
		out.append(String.format(
				"### Drain: %,d entries added beforehand, one consumer, no-op handler (JSON decoded by every candidate)%n%n",
				results.settings.drainEntries()));
		out.append("| candidate | msgs/s (median of ")
			.append(results.settings.rounds())
			.append(") | runs | vs Spring (Jedis) | vs plain Jedis limit | CPU us/msg: JVM | CPU us/msg: Redis | Redis commands/msg |\n");
		out.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
		for (Throughput result : results.drain) {
			out.append(String.format("| %s | %,.0f | %s | %.1fx | %.2fx | %.1f | %.1f | %.3f |%n", result.name(),
					result.median(), runs(result), result.median() / spring, result.median() / plain,
					result.jvmMicrosMedian(), result.redisMicrosMedian(), result.commandsMedian()));
		}
		out.append('\n');
	}

	private static void latency(StringBuilder out, Results results) {
		if (results.latency.isEmpty()) {
			return;
		}
		out.append(String.format(
				"### Latency: add (just before XADD) to handler start, steady rate, %d s measured "
						+ "after %d s warm-up%n%n",
				results.settings.latencyMeasured().toSeconds(), results.settings.latencyWarmUp().toSeconds()));
		out.append("CPU: this JVM less the producer's thread, in % of one core, while idle (2 s before the"
				+ " producer starts) and at the rate.\n\n");
		out.append(
				"| candidate | rate/s (achieved) | p50 ms | p99 ms | p99.9 ms | max ms | CPU idle | CPU at rate |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (LatencyResult result : results.latency) {
			out.append(String.format("| %s | %,d (%,.0f) | %.3f | %.3f | %.3f | %.1f | %.1f %% | %.1f %% |%n",
					result.name(), result.rate(), result.achievedRate(), result.p50() / 1e6, result.p99() / 1e6,
					result.p999() / 1e6, result.max() / 1e6, result.idleCpu(), result.cpu()));
		}
		out.append('\n');
	}

	private static void publish(StringBuilder out, Results results) {
		if (results.publish.isEmpty()) {
			return;
		}
		out.append(String.format("### Publishing: %,d entries one at a time, %,d pipelined, one connection%n%n",
				results.settings.publishSingles(), results.settings.publishPipelined()));
		out.append("| how | msgs/s (median of ").append(results.settings.rounds()).append(") | runs |\n");
		out.append("|---|---:|---|\n");
		for (Throughput result : results.publish) {
			out.append(String.format("| %s | %,.0f | %s |%n", result.name(), result.median(), runs(result)));
		}
		out.append('\n');
	}

	private static void leases(StringBuilder out, Results results) {
		if (results.leases.isEmpty()) {
			return;
		}
		out.append(String.format(
				"### Long handlers: every entry in flight at once, handlers of %.1f s, lease %d ms "
						+ "(heartbeat every %d ms), Redis INFO commandstats over %.1f s%n%n",
				results.settings.leaseHandler().toMillis() / 1000.0, Settings.LEASE.toMillis(),
				Settings.LEASE.toMillis() / 2, results.settings.leaseWindow().toMillis() / 1000.0));
		out.append(
				"| in flight | round trips per lease/2 | per handler | lease commands/s (scripts + XPENDING/XCLAIM inside) "
						+ "| Redis ms per lease/2 | all commands in window | re-deliveries | all acknowledged |\n");
		out.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (LeaseCostResult result : results.leases) {
			out.append(String.format("| %,d | %.1f | %.4f | %,.0f | %.2f | %,d | %d | %s |%n", result.inFlight(),
					result.roundTripsPerInterval(), result.roundTripsPerHandlerPerInterval(),
					result.commandsPerSecond(), result.redisMillisPerInterval(), result.allCommands(),
					result.duplicates(), result.completed() ? "yes" : "NO"));
		}
		out.append('\n');
	}

	private static void stability(StringBuilder out, Results results) {
		StabilityResult result = results.stability;
		if (result == null) {
			return;
		}
		out.append(String.format("### Stability: %,d entries through one consumer (tuned, events off) while a "
				+ "producer adds them%n%n", result.entries()));
		out.append(
				"| msgs/s | heap after full GC: 5% / 50% / end | growth | max pending (1st half / 2nd half) | all acknowledged |\n");
		out.append("|---:|---|---:|---|---|\n");
		out.append(String.format("| %,.0f | %.1f / %.1f / %.1f MB | %+.1f MB | %,d / %,d | %s |%n%n", result.rate(),
				mb(result.heapStart()), mb(result.heapMiddle()), mb(result.heapEnd()),
				mb(result.heapEnd() - result.heapStart()), result.pendingFirstHalf(), result.pendingSecondHalf(),
				result.completed() ? "yes" : "NO"));
	}

	private static void observation(StringBuilder out, Results results) {
		if (results.observation.isEmpty()) {
			return;
		}
		double off = results.observation.get(0).median();
		out.append(String.format("### Observation: the drain (%,d entries carrying a traceparent), defaults, "
				+ "observation off and on%n%n", results.settings.drainEntries()));
		out.append("| candidate | msgs/s (median of ")
			.append(results.settings.rounds())
			.append(") | runs | vs off | CPU us/msg: JVM |\n");
		out.append("|---|---:|---|---:|---:|\n");
		for (Throughput result : results.observation) {
			out.append(String.format("| %s | %,.0f | %s | %.2fx | %.1f |%n", result.name(), result.median(),
					runs(result), result.median() / off, result.jvmMicrosMedian()));
		}
		out.append('\n');
	}

	private static void targets(StringBuilder out, Results results) {
		out.append("### Targets (ratios from this run)\n\n| target | measured | met |\n|---|---|---|\n");
		for (Targets.Check check : Targets.check(results)) {
			out.append(String.format("| %s | %s | %s |%n", check.target(), check.measured(),
					check.met() ? "yes" : "**no**"));
		}
		out.append('\n');
	}

	private static String runs(Throughput result) {
		return result.runs().stream().map((rate) -> String.format("%,.0f", rate)).collect(Collectors.joining(" / "));
	}

	private static double mb(long bytes) {
		return bytes / 1048576.0;
	}

}
