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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import redis.clients.jedis.Jedis;

/**
 * Scenario 3: publishing with {@link RedisEventTemplate#send} one at a time and
 * {@link RedisEventTemplate#sendAll} pipelined, against {@code redis-benchmark} doing the
 * same {@code XADD} on one connection without and with pipelining.
 */
final class PublishBenchmark {

	private static final String STREAM = "publish";

	private final RedisServerProcess redis;

	private final RedisEvents events;

	private final Progress progress;

	PublishBenchmark(RedisServerProcess redis, RedisEvents events, Progress progress) {
		this.redis = redis;
		this.events = events;
		this.progress = progress;
	}

	List<Throughput> run(int singles, int pipelined, int chunk, int rounds) {
		RedisEventTemplate template = new RedisEventTemplate(this.events);
		RedisBenchmarkTool tool = new RedisBenchmarkTool(this.redis);
		String key = StreamSetup.key(STREAM);
		Map<String, IntToDoubleFunction> candidates = new LinkedHashMap<>();
		candidates.put("ours: send, one at a time", (count) -> sendOneByOne(template, count));
		candidates.put("redis-benchmark XADD, -c 1 -P 1", (count) -> tool.xadd(key, count, 1));
		candidates.put("ours: sendAll, " + chunk + " per pipeline", (count) -> sendAll(template, count, chunk));
		candidates.put("redis-benchmark XADD, -c 1 -P " + chunk, (count) -> tool.xadd(key, count, chunk));
		Map<String, List<Double>> runs = new LinkedHashMap<>();
		candidates.keySet().forEach((name) -> runs.put(name, new ArrayList<>()));
		for (int round = 0; round <= rounds; round++) {
			for (Map.Entry<String, IntToDoubleFunction> candidate : candidates.entrySet()) {
				boolean batched = candidate.getKey().contains("-P " + chunk) || candidate.getKey().contains("sendAll");
				int count = batched ? pipelined : singles;
				double rate = candidate.getValue().applyAsDouble((round == 0) ? count / 4 : count);
				clear();
				if (round > 0) {
					runs.get(candidate.getKey()).add(rate);
				}
				this.progress.line("publish %s %-40s %,10.0f msgs/s", (round == 0) ? "warm-up" : "round " + round,
						candidate.getKey(), rate);
			}
		}
		List<Throughput> results = new ArrayList<>();
		runs.forEach((name, rates) -> results.add(new Throughput(name, name.startsWith("ours"), rates)));
		return results;
	}

	private double sendOneByOne(RedisEventTemplate template, int count) {
		long start = System.nanoTime();
		for (int id = 0; id < count; id++) {
			template.send(STREAM, Order.of(id, System.nanoTime()));
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private double sendAll(RedisEventTemplate template, int count, int chunk) {
		long start = System.nanoTime();
		for (int from = 0; from < count; from += chunk) {
			List<Order> orders = new ArrayList<>(chunk);
			for (int id = from; id < Math.min(count, from + chunk); id++) {
				orders.add(Order.of(id, System.nanoTime()));
			}
			template.sendAll(STREAM, orders);
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private void clear() {
		try (Jedis jedis = this.redis.connect()) {
			StreamSetup.delete(jedis, STREAM);
		}
	}

}
