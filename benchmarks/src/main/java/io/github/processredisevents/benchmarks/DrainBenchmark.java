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
import java.util.concurrent.atomic.LongAdder;

import redis.clients.jedis.Jedis;

/**
 * Scenario 1: a stream filled beforehand, drained by one consumer with a no-op handler,
 * timed from start until every entry is handled and acknowledged. Candidates take turns
 * (round-robin) so that a change of machine load hits them alike.
 */
final class DrainBenchmark {

	private static final String GROUP = "drain";

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final RedisServerProcess redis;

	private final Progress progress;

	DrainBenchmark(RedisServerProcess redis, Progress progress) {
		this.redis = redis;
		this.progress = progress;
	}

	List<Throughput> run(List<Candidate> candidates, int entries, int warmUpEntries, int rounds) {
		Map<Candidate, List<Double>> runs = new LinkedHashMap<>();
		candidates.forEach((candidate) -> runs.put(candidate, new ArrayList<>()));
		for (Candidate candidate : candidates) {
			double rate = once(candidate, warmUpEntries, "warm-up");
			this.progress.line("drain warm-up  %-44s %,10.0f msgs/s", candidate.name(), rate);
		}
		for (int round = 1; round <= rounds; round++) {
			for (Candidate candidate : candidates) {
				double rate = once(candidate, entries, "round " + round);
				runs.get(candidate).add(rate);
				this.progress.line("drain round %d  %-44s %,10.0f msgs/s", round, candidate.name(), rate);
			}
		}
		List<Throughput> results = new ArrayList<>();
		runs.forEach((candidate, rates) -> results.add(new Throughput(candidate.name(), candidate.ours(), rates)));
		return results;
	}

	private double once(Candidate candidate, int entries, String label) {
		String name = "drain-" + Math.abs((candidate.name() + label).hashCode());
		String key = StreamSetup.key(name);
		try (Jedis jedis = this.redis.connect()) {
			StreamSetup.delete(jedis, name);
			StreamSetup.fill(jedis, key, entries);
			StreamSetup.createGroup(jedis, key, GROUP);
			LongAdder handled = new LongAdder();
			long elapsed;
			try (QueueConsumer consumer = candidate.factory().get()) {
				long start = System.nanoTime();
				consumer.start(key, GROUP, (order) -> handled.increment());
				boolean done = Await.until(() -> handled.sum() >= entries, TIMEOUT)
						&& Await.until(() -> StreamSetup.pending(jedis, key, GROUP) == 0, TIMEOUT);
				elapsed = System.nanoTime() - start;
				if (!done) {
					this.progress.line("  %s timed out with %d of %d handled", candidate.name(), handled.sum(),
							entries);
					return Double.NaN;
				}
			}
			StreamSetup.delete(jedis, name);
			return entries / (elapsed / 1e9);
		}
	}

}
