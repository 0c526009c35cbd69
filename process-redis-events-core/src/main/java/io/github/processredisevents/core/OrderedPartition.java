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

	private final AtomicBoolean lapsed = new AtomicBoolean();

	/**
	 * Until when (a {@link System#nanoTime()}) this consumer may start handlers of the
	 * partition's entries and fetch from it: the lease, counted from when its last
	 * acquisition or renewal was sent, less a margin.
	 */
	private volatile long validUntilNanos;

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
		this.validUntilNanos = System.nanoTime();
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
	 * Whether this consumer may fetch from the partition: it owns it, is not handing it
	 * over, and its lease is {@link #valid() valid}.
	 */
	boolean fetching() {
		return this.fetching && valid();
	}

	/**
	 * Whether the lease is still valid here, so that a handler of the partition's entries
	 * may start: until the lease, counted from when the last acquisition or renewal was
	 * sent (Redis starts it no earlier), less a {@link #margin(long) margin}. Once that
	 * deadline passes without a renewal (the ownership thread may be stuck in a call to
	 * Redis), nothing of the partition is fetched or started here until a renewal makes
	 * it valid again or the partition is lost; logged once at WARN.
	 */
	boolean valid() {
		if (System.nanoTime() - this.validUntilNanos < 0) {
			return true;
		}
		if (this.fetching && !this.lapsed.getAndSet(true)) {
			logger.warn("The lease of partition '{}' was not renewed in time (the renewal may be stuck in a call to"
					+ " Redis); this consumer stops fetching and starting entries of partition '{}' until its lease"
					+ " is renewed or lost", this.partition, this.partition);
		}
		return false;
	}

	/**
	 * What is kept of the lease for handlers that started just before the deadline: the
	 * partition is not started here after {@code lease - margin}, so such a handler has
	 * the margin to finish before another consumer can own the partition (at the earliest
	 * when the lease expires in Redis). A quarter lease: renewals come every poll
	 * interval (a quarter lease at most), so a renewal can be late by half a lease before
	 * anything pauses, and the margin stays long against a handler's usual run.
	 * @param leaseNanos the lease
	 * @return the margin
	 */
	static long margin(long leaseNanos) {
		return leaseNanos / 4;
	}

	/**
	 * Extend the validity after a successful acquisition or renewal.
	 * @param sentAt the {@link System#nanoTime()} taken before the command was sent
	 * @param leaseNanos the lease
	 */
	void renewed(long sentAt, long leaseNanos) {
		long until = sentAt + leaseNanos - margin(leaseNanos);
		if (until - this.validUntilNanos > 0) {
			this.validUntilNanos = until;
		}
		if (valid() && this.lapsed.getAndSet(false)) {
			if (this.fetching) {
				logger.info("The lease of partition '{}' was renewed; this consumer fetches and starts its entries"
						+ " again", this.partition);
			}
			this.wake.run();
		}
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
	 * @param sentAt the {@link System#nanoTime()} taken before the acquisition was sent
	 * @param leaseNanos the lease
	 */
	void acquired(long sentAt, long leaseNanos) {
		this.validUntilNanos = sentAt + leaseNanos - margin(leaseNanos);
		this.lapsed.set(false);
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
