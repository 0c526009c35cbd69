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
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.github.processredisevents.benchmarks.RedisServerProcess.CommandStat;
import io.github.processredisevents.core.RedisEvents;
import redis.clients.jedis.Jedis;

/**
 * Scenario 4: as many handlers in flight as entries, each running longer than the lease;
 * Redis's own command statistics tell what the heartbeats cost while they run.
 */
final class LeaseCostBenchmark {

	private static final String GROUP = "leases";

	private final RedisServerProcess redis;

	private final RedisEvents events;

	private final Progress progress;

	LeaseCostBenchmark(RedisServerProcess redis, RedisEvents events, Progress progress) {
		this.redis = redis;
		this.events = events;
		this.progress = progress;
	}

	LeaseCostResult run(int inFlight, Duration lease, Duration handlerTime, Duration window) {
		String name = "leases-" + inFlight;
		String key = StreamSetup.key(name);
		LongAdder started = new LongAdder();
		LongAdder finished = new LongAdder();
		try (Jedis jedis = this.redis.connect()) {
			StreamSetup.delete(jedis, name);
			StreamSetup.fill(jedis, key, inFlight);
			StreamSetup.createGroup(jedis, key, GROUP);
			Map<String, CommandStat> stats;
			boolean completed;
			try (OurConsumer consumer = new OurConsumer(this.events,
					OurConsumer.options(Math.min(inFlight, 100), inFlight, false).lease(lease))) {
				consumer.start(key, GROUP, (order) -> {
					started.increment();
					Pause.millis(handlerTime.toMillis());
					finished.increment();
				});
				if (!Await.until(() -> started.sum() >= inFlight, Duration.ofSeconds(30))) {
					throw new IllegalStateException("Only " + started.sum() + " of " + inFlight + " handlers started");
				}
				this.redis.resetStats();
				Pause.millis(window.toMillis());
				stats = this.redis.commandStats();
				completed = Await.until(() -> finished.sum() >= inFlight, handlerTime.plusSeconds(30))
						&& Await.until(() -> StreamSetup.pending(jedis, key, GROUP) == 0, Duration.ofSeconds(30));
			}
			StreamSetup.delete(jedis, name);
			CommandStat evalsha = stats.getOrDefault("evalsha", CommandStat.NONE);
			CommandStat eval = stats.getOrDefault("eval", CommandStat.NONE);
			long inner = stats.getOrDefault("xpending", CommandStat.NONE).calls()
					+ stats.getOrDefault("xclaim", CommandStat.NONE).calls();
			long all = stats.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals("info") && !entry.getKey().startsWith("config"))
				.mapToLong((entry) -> entry.getValue().calls())
				.sum();
			double seconds = window.toMillis() / 1000.0;
			LeaseCostResult result = new LeaseCostResult(inFlight, lease.toMillis(), seconds,
					window.toMillis() / (lease.toMillis() / 2.0), evalsha.calls() + eval.calls(), inner, all,
					evalsha.usec() + eval.usec(), started.sum() - inFlight, completed);
			this.progress.line("leases %,5d in flight: XPENDING %s, XCLAIM %s", inFlight, stats.get("xpending"),
					stats.get("xclaim"));
			this.progress.line(
					"leases %,5d in flight: %.1f round trips per lease/2, %,.0f lease commands/s, %.2f ms of Redis per"
							+ " interval, %d duplicates, completed %s",
					inFlight, result.roundTripsPerInterval(), result.commandsPerSecond(),
					result.redisMillisPerInterval(), result.duplicates(), completed);
			return result;
		}
	}

}
