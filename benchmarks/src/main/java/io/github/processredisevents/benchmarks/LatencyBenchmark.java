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
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import redis.clients.jedis.Jedis;

/**
 * Scenario 2: orders added at a steady rate; the time from just before each {@code XADD}
 * to the start of its handler. The first entries warm up and are not counted. Also the
 * CPU the consumer uses while idle and at the rate: this JVM's CPU time less the
 * producer's thread (the producer is the same for every candidate).
 */
final class LatencyBenchmark {

	private static final String GROUP = "latency";

	private static final Duration IDLE = Duration.ofSeconds(2);

	private final RedisServerProcess redis;

	private final Progress progress;

	LatencyBenchmark(RedisServerProcess redis, Progress progress) {
		this.redis = redis;
		this.progress = progress;
	}

	List<LatencyResult> run(List<Candidate> candidates, List<Integer> rates, Duration warmUp, Duration measured) {
		List<LatencyResult> results = new ArrayList<>();
		// one short unmeasured pass each first: otherwise whoever comes first pays for
		// the JIT and the garbage of the scenario before
		for (Candidate candidate : candidates) {
			once(candidate, rates.get(0), Duration.ofSeconds(1), Duration.ofSeconds(1));
		}
		this.progress.line("latency warm-up done");
		for (int rate : rates) {
			for (Candidate candidate : candidates) {
				LatencyResult result = once(candidate, rate, warmUp, measured);
				results.add(result);
				this.progress.line(
						"latency %,6d/s %-40s p50 %6.3f ms  p99 %6.3f ms  p99.9 %6.3f ms  max %6.1f ms"
								+ "  CPU idle %.1f %%, at rate %.1f %%",
						rate, candidate.name(), result.p50() / 1e6, result.p99() / 1e6, result.p999() / 1e6,
						result.max() / 1e6, result.idleCpu(), result.cpu());
			}
		}
		return results;
	}

	private LatencyResult once(Candidate candidate, int rate, Duration warmUp, Duration measured) {
		String name = "latency-" + rate + "-" + Math.abs(candidate.name().hashCode());
		String key = StreamSetup.key(name);
		int warmUpCount = (int) (rate * warmUp.toMillis() / 1000);
		int total = warmUpCount + (int) (rate * measured.toMillis() / 1000);
		LatencyRecorder recorder = new LatencyRecorder(total);
		LongAdder handled = new LongAdder();
		try (Jedis jedis = this.redis.connect()) {
			StreamSetup.delete(jedis, name);
			StreamSetup.createGroup(jedis, key, GROUP);
			double achieved;
			double idleCpu;
			double cpu;
			try (QueueConsumer consumer = candidate.factory().get()) {
				consumer.start(key, GROUP, (order) -> {
					long latency = System.nanoTime() - order.sentAt();
					if (order.id() >= warmUpCount) {
						recorder.record(latency);
					}
					handled.increment();
				});
				CpuWatch idle = new CpuWatch();
				Pause.millis(IDLE.toMillis());
				idleCpu = idle.percentOfOneCore();
				CpuWatch busy = new CpuWatch();
				achieved = PacedProducer.run(jedis, key, rate, total);
				cpu = busy.percentOfOneCore();
				Await.until(() -> handled.sum() >= total, Duration.ofSeconds(30));
			}
			StreamSetup.delete(jedis, name);
			long[] sorted = recorder.sorted();
			return new LatencyResult(candidate.name(), candidate.ours(), rate, achieved, sorted.length,
					Stats.percentile(sorted, 50), Stats.percentile(sorted, 99), Stats.percentile(sorted, 99.9),
					(sorted.length > 0) ? sorted[sorted.length - 1] : 0, idleCpu, cpu);
		}
	}

	/**
	 * CPU time of this JVM since creation, less that of the calling thread (the producer,
	 * or the harness while idle), per wall-clock time.
	 */
	private static final class CpuWatch {

		private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		private final long wallStart = System.nanoTime();

		private final long processStart = Machine.processCpuNanos();

		private final long callerStart = threads.getCurrentThreadCpuTime();

		double percentOfOneCore() {
			long wall = System.nanoTime() - this.wallStart;
			long process = Machine.processCpuNanos() - this.processStart;
			long caller = threads.getCurrentThreadCpuTime() - this.callerStart;
			return 100.0 * (process - caller) / wall;
		}

	}

}
