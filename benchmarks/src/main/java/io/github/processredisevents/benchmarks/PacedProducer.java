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

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Adds orders at a steady rate on one connection, each stamped with the time just before
 * its {@code XADD}. The schedule is absolute: a late send does not shift the next ones.
 */
final class PacedProducer {

	private PacedProducer() {
	}

	/**
	 * Add {@code count} orders at {@code perSecond}.
	 * @return the achieved rate, per second
	 */
	static double run(Jedis jedis, String key, int perSecond, int count) {
		long interval = 1_000_000_000L / perSecond;
		long start = System.nanoTime();
		for (int id = 0; id < count; id++) {
			long due = start + id * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			jedis.xadd(key, XAddParams.xAddParams(), Map.of("data", Payloads.json(id, System.nanoTime())));
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

}
