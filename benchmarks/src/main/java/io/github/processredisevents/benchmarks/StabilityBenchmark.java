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

import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.TrimPolicy;
import redis.clients.jedis.Jedis;

/**
 * Scenario 5: millions of entries through one consumer while a producer keeps adding (at
 * most a bounded backlog ahead, trimming the stream well behind the consumer); heap after
 * full GC at the start, half-way and at the end, and pending sampled throughout.
 */
final class StabilityBenchmark {

	private static final String GROUP = "stability";

	private static final String STREAM = "stability";

	private static final int CHUNK = 1000;

	private static final int MAX_BACKLOG = 100_000;

	private final RedisServerProcess redis;

	private final RedisEvents events;

	private final Progress progress;

	StabilityBenchmark(RedisServerProcess redis, RedisEvents events, Progress progress) {
		this.redis = redis;
		this.events = events;
		this.progress = progress;
	}

	StabilityResult run(long entries, int batchSize, int concurrency, Duration timeout) {
		String key = StreamSetup.key(STREAM);
		LongAdder handled = new LongAdder();
		try (Jedis jedis = this.redis.connect()) {
			StreamSetup.delete(jedis, STREAM);
			StreamSetup.createGroup(jedis, key, GROUP);
			RedisEventStream stream = this.events.stream(STREAM).withTrim(TrimPolicy.maxLength(10L * MAX_BACKLOG));
			Thread producer = new Thread(() -> produce(stream, entries, handled, timeout), "stability-producer");
			producer.setDaemon(true);
			long deadline = System.nanoTime() + timeout.toNanos();
			long start = System.nanoTime();
			long heapStart = -1;
			long heapMiddle = -1;
			long heapEnd;
			List<Long> pendingSamples = new ArrayList<>();
			boolean completed;
			try (OurConsumer consumer = new OurConsumer(this.events,
					OurConsumer.options(batchSize, concurrency, false))) {
				consumer.start(key, GROUP, (order) -> handled.increment());
				producer.start();
				long nextSample = System.nanoTime();
				while (handled.sum() < entries && System.nanoTime() < deadline) {
					if (heapStart < 0 && handled.sum() >= entries / 20) {
						heapStart = HeapProbe.usedAfterFullGc();
					}
					if (heapMiddle < 0 && handled.sum() >= entries / 2) {
						heapMiddle = HeapProbe.usedAfterFullGc();
					}
					if (System.nanoTime() >= nextSample) {
						pendingSamples.add(StreamSetup.pending(jedis, key, GROUP));
						nextSample += 250_000_000L;
						if (pendingSamples.size() % 40 == 0) {
							this.progress.line("stability %,d of %,d handled, pending %d", handled.sum(), entries,
									pendingSamples.get(pendingSamples.size() - 1));
						}
					}
					Pause.millis(5);
				}
				completed = handled.sum() >= entries
						&& Await.until(() -> StreamSetup.pending(jedis, key, GROUP) == 0, Duration.ofSeconds(30));
				long elapsed = System.nanoTime() - start;
				heapEnd = HeapProbe.usedAfterFullGc();
				int half = pendingSamples.size() / 2;
				StabilityResult result = new StabilityResult(handled.sum(), elapsed / 1e9, heapStart, heapMiddle,
						heapEnd, max(pendingSamples, 0, pendingSamples.size()), max(pendingSamples, 0, half),
						max(pendingSamples, half, pendingSamples.size()), completed);
				this.progress.line(
						"stability %,d entries in %.1f s (%,.0f msgs/s), heap after GC %.1f / %.1f / %.1f MB,"
								+ " max pending %d",
						result.entries(), result.seconds(), result.rate(), heapStart / 1048576.0,
						heapMiddle / 1048576.0, heapEnd / 1048576.0, result.maxPending());
				return result;
			}
			finally {
				producer.interrupt();
				StreamSetup.delete(jedis, STREAM);
			}
		}
	}

	private void produce(RedisEventStream stream, long entries, LongAdder handled, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long produced = 0;
		while (produced < entries && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
			if (produced - handled.sum() > MAX_BACKLOG) {
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					return;
				}
				continue;
			}
			List<Order> orders = new ArrayList<>(CHUNK);
			for (long id = produced; id < Math.min(entries, produced + CHUNK); id++) {
				orders.add(Order.of(id, System.nanoTime()));
			}
			stream.addAll(orders);
			produced += orders.size();
		}
	}

	private static long max(List<Long> samples, int from, int to) {
		long max = 0;
		for (int i = from; i < to; i++) {
			max = Math.max(max, samples.get(i));
		}
		return max;
	}

}
