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
import java.util.Map;
import java.util.function.Consumer;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Hand-written Jedis: one thread reads {@code XREADGROUP COUNT n}, decodes and handles
 * each entry, and acknowledges either the whole batch with one {@code XACK} (the
 * practical limit for one consumer) or each entry with its own round trip.
 */
final class PlainJedisConsumer implements QueueConsumer {

	private static final int BLOCK_MILLIS = 100;

	private final RedisServerProcess redis;

	private final int batchSize;

	private final boolean ackEachEntry;

	private final Thread thread;

	private volatile boolean running = true;

	private String key = "";

	private String group = "";

	private Consumer<Order> onEntry = (order) -> {
	};

	PlainJedisConsumer(RedisServerProcess redis, int batchSize, boolean ackEachEntry) {
		this.redis = redis;
		this.batchSize = batchSize;
		this.ackEachEntry = ackEachEntry;
		this.thread = new Thread(this::run, "plain-jedis-consumer");
		this.thread.setDaemon(true);
	}

	@Override
	public void start(String key, String group, Consumer<Order> onEntry) {
		this.key = key;
		this.group = group;
		this.onEntry = onEntry;
		this.thread.start();
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(this.batchSize).block(BLOCK_MILLIS);
		Map<String, StreamEntryID> streams = Map.of(this.key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
		try (Jedis jedis = this.redis.connect()) {
			while (this.running) {
				List<Map.Entry<String, List<StreamEntry>>> reply = jedis.xreadGroup(this.group, "plain", params,
						streams);
				if (reply == null || reply.isEmpty()) {
					continue;
				}
				List<StreamEntry> entries = reply.get(0).getValue();
				List<StreamEntryID> ids = new ArrayList<>(entries.size());
				for (StreamEntry entry : entries) {
					this.onEntry.accept(Payloads.decode(entry.getFields().get("data")));
					if (this.ackEachEntry) {
						jedis.xack(this.key, this.group, entry.getID());
					}
					else {
						ids.add(entry.getID());
					}
				}
				if (!ids.isEmpty()) {
					jedis.xack(this.key, this.group, ids.toArray(StreamEntryID[]::new));
				}
			}
		}
	}

}
