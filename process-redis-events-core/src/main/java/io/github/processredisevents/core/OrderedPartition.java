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
package io.github.processredisevents.core;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One partition of an ordered processor, as its own processor sees it: whether this
 * consumer owns the partition and may fetch from it (decided by
 * {@link OrderedStreamProcessor}), and the key of each entry.
 */
final class OrderedPartition {

	private static final Logger logger = LoggerFactory.getLogger(OrderedPartition.class);

	private final String partition;

	private final PartitionKey partitionKey;

	private final JsonMapper jsonMapper;

	private final int index;

	private final int count;

	private final int parkLimit;

	private final AtomicBoolean takeOverDue = new AtomicBoolean();

	private final AtomicBoolean warnedNoKey = new AtomicBoolean();

	private final AtomicBoolean warnedForeignKey = new AtomicBoolean();

	private volatile boolean owned;

	private volatile boolean fetching;

	private volatile Runnable wake = () -> {
	};

	/**
	 * Create the view of one partition.
	 * @param partition the partition's stream name
	 * @param partitionKey where the key sits in the payload
	 * @param jsonMapper the mapper to read payloads with
	 * @param index the partition's number, or -1 for a retired partition
	 * @param count how many partitions the stream has
	 * @param parkLimit how many entries may wait behind blocked keys before fetching
	 * waits
	 */
	OrderedPartition(String partition, PartitionKey partitionKey, JsonMapper jsonMapper, int index, int count,
			int parkLimit) {
		this.partition = partition;
		this.partitionKey = partitionKey;
		this.jsonMapper = jsonMapper;
		this.index = index;
		this.count = count;
		this.parkLimit = parkLimit;
	}

	String partition() {
		return this.partition;
	}

	int parkLimit() {
		return this.parkLimit;
	}

	/**
	 * Set what wakes the partition's fetch loop.
	 */
	void wakeWith(Runnable wake) {
		this.wake = wake;
	}

	/**
	 * Whether this consumer owns the partition (also while it hands it over).
	 */
	boolean owned() {
		return this.owned;
	}

	/**
	 * Whether this consumer may fetch from the partition: it owns it and is not handing
	 * it over.
	 */
	boolean fetching() {
		return this.fetching;
	}

	/**
	 * Whether the fetch loop should take over the partition's pending entries before
	 * reading new ones; answers {@code true} once per acquisition.
	 */
	boolean takeOverDue() {
		return this.takeOverDue.getAndSet(false);
	}

	/**
	 * This consumer has just acquired the partition: take over its pending entries, then
	 * fetch.
	 */
	void acquired() {
		this.owned = true;
		this.takeOverDue.set(true);
		this.fetching = true;
		this.wake.run();
	}

	/**
	 * Stop fetching: the partition is being handed over (or was lost).
	 */
	void stopFetching() {
		this.fetching = false;
	}

	/**
	 * This consumer no longer owns the partition.
	 */
	void released() {
		this.fetching = false;
		this.owned = false;
	}

	/**
	 * The key of an entry, logging (at WARN the first time, then at DEBUG) an entry
	 * without one, which then runs unordered, and (at WARN the first time) an entry whose
	 * key belongs to another partition, which stays ordered among the entries of its key
	 * in this partition.
	 * @param delivery the entry
	 * @return its key, or {@code null} when it has none
	 */
	@Nullable String keyOf(Delivery delivery) {
		String key = this.partitionKey.keyOf(this.jsonMapper, delivery.data());
		if (key == null) {
			if (!this.warnedNoKey.getAndSet(true)) {
				logger.warn("Entry {} of stream '{}' has no string, number or boolean at JSON Pointer '{}' (the"
						+ " partition key); it is handled without ordering, as are further such entries (logged at"
						+ " DEBUG)", delivery.id(), this.partition, this.partitionKey.pointer());
			}
			else {
				logger.debug("Entry {} of stream '{}' has no key at JSON Pointer '{}'; handled without ordering",
						delivery.id(), this.partition, this.partitionKey.pointer());
			}
			return null;
		}
		if (this.index >= 0 && this.count > 1 && PartitionedStream.partitionOf(key, this.count) != this.index
				&& !this.warnedForeignKey.getAndSet(true)) {
			logger.warn("Entry {} of stream '{}' has key '{}', which belongs to partition {}, not {} (was it added"
					+ " round-robin, or with another partition count?); it is ordered among the entries of its key"
					+ " in this partition only", delivery.id(), this.partition, key,
					PartitionedStream.partitionOf(key, this.count), this.index);
		}
		return key;
	}

}
