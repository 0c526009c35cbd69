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

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

/**
 * Prepares and inspects the streams of a scenario with plain commands, the same way for
 * every candidate.
 */
final class StreamSetup {

	/** Every scenario's streams live under this prefix, the library's default. */
	static final String KEY_PREFIX = "stream:";

	private static final int FILL_CHUNK = 1000;

	private StreamSetup() {
	}

	static String key(String name) {
		return KEY_PREFIX + name;
	}

	/**
	 * Add {@code count} orders, pipelined.
	 */
	static void fill(Jedis jedis, String key, int count) {
		fill(jedis, key, count, Map.of());
	}

	/**
	 * Fill a stream with entries whose {@code data} is followed by the given fields.
	 */
	static void fill(Jedis jedis, String key, int count, Map<String, String> extraFields) {
		for (int from = 0; from < count; from += FILL_CHUNK) {
			Pipeline pipeline = jedis.pipelined();
			for (int id = from; id < Math.min(count, from + FILL_CHUNK); id++) {
				Map<String, String> fields = new java.util.LinkedHashMap<>();
				fields.put("data", Payloads.json(id, System.nanoTime()));
				fields.putAll(extraFields);
				pipeline.xadd(key, XAddParams.xAddParams(), fields);
			}
			pipeline.sync();
		}
	}

	static void createGroup(Jedis jedis, String key, String group) {
		try {
			jedis.xgroupCreate(key, group, new StreamEntryID(), true);
		}
		catch (JedisDataException ex) {
			if (ex.getMessage() == null || !ex.getMessage().startsWith("BUSYGROUP")) {
				throw ex;
			}
		}
	}

	static long pending(Jedis jedis, String key, String group) {
		return jedis.xpending(key, group).getTotal();
	}

	/**
	 * Delete a stream with its dead letters and events.
	 */
	static void delete(Jedis jedis, String name) {
		jedis.del(key(name), key("dlq:" + name), key("events:" + name));
	}

	static long length(Jedis jedis, String key) {
		return jedis.xlen(key);
	}

}
