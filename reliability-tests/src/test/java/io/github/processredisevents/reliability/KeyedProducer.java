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

import io.github.processredisevents.core.PartitionedStream;

/**
 * Adds {@link KeyedEntry keyed entries} to a partitioned stream on a thread of its own,
 * one after the other: each time a key drawn at random (with a fixed seed) and that key's
 * next sequence number. The ledger records each entry by {@link KeyedEntry#id()} once
 * Redis answered. A failed add is retried with the same key and number before anything
 * else is added ({@link Producer}), so each key's entries are added in sequence order (a
 * failed add that reached Redis leaves a second copy of the entry, which counts as a
 * re-run).
 */
public final class KeyedProducer {

	private KeyedProducer() {
	}

	/**
	 * Create and start a producer of keyed entries.
	 * @param stream where to add (with a partition key at {@link KeyedEntry#KEY_POINTER})
	 * @param ledger where to record
	 * @param keys how many keys
	 * @param total how many entries to add
	 * @param pause the pause between two adds
	 * @return the running producer
	 */
	public static Producer start(PartitionedStream stream, LedgerWriter ledger, int keys, int total, Duration pause) {
		return new Producer("keyed-producer", new KeyedAdder(stream, keys(keys)), ledger, total, pause);
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

	/**
	 * Draws the key of each new entry and adds the same entry again when it is retried.
	 */
	private static final class KeyedAdder implements Producer.Adder {

		private final PartitionedStream stream;

		private final List<String> keys;

		private final Random random = new Random(12);

		private final Map<String, Long> next = new HashMap<>();

		private int drawn = -1;

		private KeyedEntry entry;

		KeyedAdder(PartitionedStream stream, List<String> keys) {
			this.stream = stream;
			this.keys = keys;
		}

		@Override
		public String add(int n) {
			if (n != this.drawn) {
				String key = this.keys.get(this.random.nextInt(this.keys.size()));
				this.entry = new KeyedEntry(key, this.next.merge(key, 1L, Long::sum) - 1);
				this.drawn = n;
			}
			this.stream.add(this.entry);
			return this.entry.id();
		}

	}

}
