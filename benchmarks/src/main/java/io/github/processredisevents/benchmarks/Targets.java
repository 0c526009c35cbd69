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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The targets, checked against ratios from the same run.
 */
final class Targets {

	private static final long HEAP_GROWTH_TOLERANCE = 8L * 1024 * 1024;

	private Targets() {
	}

	static List<Check> check(Results results) {
		List<Check> checks = new ArrayList<>();
		Optional<Double> plain = results.drainRate(Candidates.PLAIN_BATCH_ACK);
		Optional<Double> spring = results.drainRate(Candidates.SPRING_JEDIS)
			.flatMap(
					(jedis) -> results.drainRate(Candidates.SPRING_LETTUCE).map((lettuce) -> Math.max(jedis, lettuce)));
		results.drainRate(Candidates.OURS_TUNED).ifPresent((tuned) -> {
			plain.ifPresent((limit) -> checks
				.add(ratio("Drain, tuned >= 0.8x plain Jedis (one XACK per batch)", tuned / limit, 0.8)));
			spring.ifPresent((best) -> checks
				.add(ratio("Drain, tuned >= 8x Spring's container (faster client)", tuned / best, 8)));
		});
		results.drainRate(Candidates.OURS_DEFAULTS)
			.ifPresent((defaults) -> spring.ifPresent((best) -> checks
				.add(ratio("Drain, defaults >= 5x Spring's container (faster client)", defaults / best, 5))));
		results.latency(Candidates.OURS_DEFAULTS, 2_000)
			.ifPresent((ours) -> checks.add(new Check("Latency at 2,000/s: p99 <= 1 ms",
					String.format("p99 %.3f ms", ours.p99() / 1e6), ours.p99() <= 1_000_000)));
		for (int rate : Settings.LATENCY_RATES) {
			results.latency(Candidates.OURS_DEFAULTS, rate).ifPresent((ours) -> {
				springBest(results, rate, LatencyResult::p99).ifPresent((best) -> checks.add(notAbove(
						String.format("Latency at %,d/s: p99 not above Spring's container (better client)", rate),
						ours.p99(), best)));
				springBest(results, rate, LatencyResult::p999).ifPresent((best) -> checks.add(notAbove(
						String.format("Latency at %,d/s: p99.9 not above Spring's container (better client)", rate),
						ours.p999(), best)));
			});
		}
		results.leases.stream()
			.max((a, b) -> Integer.compare(a.inFlight(), b.inFlight()))
			.ifPresent((lease) -> checks.add(new Check("Heartbeats <= 1 round trip per handler per lease/2",
					String.format("%.1f round trips per lease/2 for %,d handlers (%.4f per handler)",
							lease.roundTripsPerInterval(), lease.inFlight(), lease.roundTripsPerHandlerPerInterval()),
					lease.roundTripsPerHandlerPerInterval() <= 1 && lease.duplicates() == 0)));
		StabilityResult stability = results.stability;
		if (stability != null) {
			long growth = stability.heapEnd() - stability.heapStart();
			checks.add(new Check("No heap growth over " + String.format("%,d", stability.entries()) + " entries",
					String.format("%+.1f MB (%.1f -> %.1f MB after full GC)", growth / 1048576.0,
							stability.heapStart() / 1048576.0, stability.heapEnd() / 1048576.0),
					growth <= HEAP_GROWTH_TOLERANCE && stability.completed()));
			long bound = 2L * (Candidates.TUNED_BATCH + Candidates.TUNED_CONCURRENCY);
			checks.add(new Check(
					"No growth of pending (2nd half <= max(1st half, 2 x (batch + concurrency) = " + bound + "))",
					String.format("max %,d in first half, %,d in second half", stability.pendingFirstHalf(),
							stability.pendingSecondHalf()),
					stability.pendingSecondHalf() <= Math.max(stability.pendingFirstHalf(), bound)));
		}
		return checks;
	}

	/**
	 * The lower of Spring's two containers' figures at a rate.
	 */
	private static Optional<Long> springBest(Results results, int rate, ToLongFunction<LatencyResult> figure) {
		return results.latency(Candidates.SPRING_JEDIS, rate)
			.map(figure::applyAsLong)
			.map((jedis) -> results.latency(Candidates.SPRING_LETTUCE, rate)
				.map(figure::applyAsLong)
				.map((lettuce) -> Math.min(jedis, lettuce))
				.orElse(jedis))
			.or(() -> results.latency(Candidates.SPRING_LETTUCE, rate).map(figure::applyAsLong));
	}

	private static Check notAbove(String target, long ours, long spring) {
		return new Check(target, String.format("%.3f ms vs %.3f ms", ours / 1e6, spring / 1e6), ours <= spring);
	}

	private static Check ratio(String target, double ratio, double required) {
		return new Check(target, String.format("%.2fx", ratio), ratio >= required);
	}

	/**
	 * One target and what was measured.
	 *
	 * @param target what the issue asks
	 * @param measured what this run measured
	 * @param met whether it is met
	 */
	record Check(String target, String measured, boolean met) {

	}

}
