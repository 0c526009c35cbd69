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

package io.github.processredisevents.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.processredisevents.core.PartitionedStream;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Adds {@link KeyedEntry keyed entries} to a partitioned stream on a thread of its own,
 * one after the other: each time a key drawn at random (with a fixed seed) and that key's
 * next sequence number. The ledger records each entry by {@link KeyedEntry#id()} once
 * Redis answered. A failed add is retried with the same key and number before anything
 * else is added, so each key's entries are added in sequence order (a failed add that
 * reached Redis leaves a second copy of the entry, which counts as a re-run).
 */
public final class KeyedProducer implements AutoCloseable {

	private final PartitionedStream stream;

	private final LedgerWriter ledger;

	private final List<String> keys;

	private final int total;

	private final Duration pause;

	private final AtomicInteger added = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * Create and start a producer.
	 * @param stream where to add (with a partition key at {@link KeyedEntry#KEY_POINTER})
	 * @param ledger where to record
	 * @param keys how many keys
	 * @param total how many entries to add
	 * @param pause the pause between two adds
	 */
	public KeyedProducer(PartitionedStream stream, LedgerWriter ledger, int keys, int total, Duration pause) {
		this.stream = stream;
		this.ledger = ledger;
		this.keys = keys(keys);
		this.total = total;
		this.pause = pause;
		this.thread = new Thread(this::run, "keyed-producer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * The keys a producer of {@code count} keys uses.
	 * @param count how many keys
	 * @return the keys
	 */
	public static List<String> keys(int count) {
		List<String> keys = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			keys.add(String.format(Locale.ROOT, "k%02d", i));
		}
		return List.copyOf(keys);
	}

	/**
	 * The partition that most of the keys go to.
	 * @param keys the keys
	 * @param partitions the partition count
	 * @return the partition
	 */
	public static int busiestPartition(List<String> keys, int partitions) {
		int[] counts = new int[partitions];
		keys.forEach((key) -> counts[PartitionedStream.partitionOf(key, partitions)]++);
		int busiest = 0;
		for (int i = 1; i < partitions; i++) {
			if (counts[i] > counts[busiest]) {
				busiest = i;
			}
		}
		return busiest;
	}

	private void run() {
		Random random = new Random(12);
		Map<String, Long> next = new HashMap<>();
		int n = 0;
		KeyedEntry entry = null;
		while (this.running && n < this.total) {
			if (entry == null) {
				String key = this.keys.get(random.nextInt(this.keys.size()));
				entry = new KeyedEntry(key, next.merge(key, 1L, Long::sum) - 1);
			}
			try {
				this.stream.add(entry);
				this.ledger.added(entry.id());
				this.added.incrementAndGet();
				entry = null;
				n++;
				sleep(this.pause.toMillis());
			}
			catch (JedisException ex) {
				this.failures.incrementAndGet();
				sleep(50);
			}
		}
	}

	/**
	 * Whether it has added all its entries.
	 * @return whether it finished
	 */
	public boolean finished() {
		return this.added.get() >= this.total;
	}

	/**
	 * How many adds it made so far.
	 * @return the count
	 */
	public int added() {
		return this.added.get();
	}

	/**
	 * How many adds failed (and were retried).
	 * @return the count
	 */
	public int failures() {
		return this.failures.get();
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

}
