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

import java.util.ArrayList;
import java.util.List;

import io.github.processredisevents.core.EntryProcessing.Prepared;
import io.github.processredisevents.core.observation.EntryOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * What ordered processing adds to the processor of one partition: the
 * {@link OrderedPartition view} of whether it may fetch, and the {@link KeyOrder per-key
 * gate} between fetching and the workers, with what keeps it moving (the next entry of a
 * key after a settled one, keys whose failed entry will not come back).
 *
 * @param <R> the type the handler takes
 */
final class OrderedDispatch<R> {

	private static final Logger logger = LoggerFactory.getLogger(OrderedDispatch.class);

	private final OrderedPartition partition;

	private final KeyOrder<Prepared<R>> keys;

	private final InFlightEntries inFlight;

	private final UnifiedJedis jedis;

	private final StreamKeys streamKeys;

	private final String group;

	private final String consumerId;

	private final long overdueNanos;

	private final List<Prepared<R>> held = new ArrayList<>();

	OrderedDispatch(OrderedPartition partition, InFlightEntries inFlight, UnifiedJedis jedis, StreamKeys streamKeys,
			ProcessOptions<?> options, String consumerId) {
		this.partition = partition;
		this.keys = new KeyOrder<>(Prepared::id, (entry) -> partition.keyOf(entry.delivery()));
		this.inFlight = inFlight;
		this.jedis = jedis;
		this.streamKeys = streamKeys;
		this.group = options.group();
		this.consumerId = consumerId;
		this.overdueNanos = options.lease().plus(options.backoff().max()).toNanos();
		inFlight.parking(this.keys::parked, partition.parkLimit());
		partition.wakeWith(inFlight::signal);
	}

	OrderedPartition partition() {
		return this.partition;
	}

	/**
	 * Let prepared entries through the gate.
	 * @return those that may run now, in order; the others wait behind their keys
	 */
	List<Prepared<R>> admit(List<Prepared<R>> prepared) {
		return this.keys.admit(prepared);
	}

	/**
	 * An entry's attempt was settled: its key moves on unless it stays pending for a
	 * retry.
	 * @return the next entry of its key to run now, if any
	 */
	@Nullable Prepared<R> settled(Prepared<R> entry, EntryOutcome outcome) {
		Prepared<R> next = this.keys.settled(entry, outcome != EntryOutcome.RETRY);
		if (next != null) {
			// one parked entry fewer: there may be room to fetch again
			this.inFlight.signal();
		}
		return next;
	}

	/**
	 * Entries admitted to run were given back unstarted: their keys wait until they come
	 * back, reclaimed.
	 */
	void givenBack(List<Prepared<R>> entries) {
		entries.forEach((entry) -> this.keys.settled(entry, false));
	}

	/**
	 * Entries admitted to run whose handler was about to start after the partition's
	 * lease deadline ({@link OrderedPartition#valid()}): they wait, still in flight and
	 * heading their keys, until the lease is renewed or the partition is given up.
	 * @return whether the lease is valid again, so that the held entries should start
	 */
	boolean hold(List<Prepared<R>> entries) {
		synchronized (this.held) {
			this.held.addAll(entries);
		}
		// a renewal may have come in meanwhile, and taken the held entries before these
		return this.partition.valid();
	}

	/**
	 * Take the entries held back by {@link #hold(List)}.
	 */
	List<Prepared<R>> takeHeld() {
		synchronized (this.held) {
			List<Prepared<R>> taken = new ArrayList<>(this.held);
			this.held.clear();
			return taken;
		}
	}

	/**
	 * Forget every key (hand-over or stop).
	 * @return the entries that waited behind a key, to be given back
	 */
	List<Delivery> clear() {
		List<Delivery> parked = new ArrayList<>();
		this.keys.clear().forEach((entry) -> parked.add(entry.delivery()));
		this.inFlight.signal();
		return parked;
	}

	/**
	 * Let the keys move on whose failed entry has waited for its retry longer than it
	 * could take (a lease plus the longest back-off) and is no longer pending for this
	 * consumer (acknowledged, deleted or trimmed elsewhere), so that it will not come
	 * back.
	 * @return the next entries of those keys, to run now
	 */
	List<Prepared<R>> abandonedKeys() {
		List<Prepared<R>> next = new ArrayList<>();
		for (String id : this.keys.awaitingRetrySince(System.nanoTime() - this.overdueNanos)) {
			StreamEntryID entryId = new StreamEntryID(id);
			List<StreamPendingEntry> pending = RedisErrors.call("XPENDING", this.streamKeys.stream(), () -> this.jedis
				.xpending(this.streamKeys.stream(), this.group, XPendingParams.xPendingParams(entryId, entryId, 1)));
			if (pending.isEmpty() || !this.consumerId.equals(pending.get(0).getConsumerName())) {
				logger.info("Entry {} of stream '{}' waited for its retry, but is no longer pending for consumer '{}';"
						+ " the next entry of its key runs", id, this.streamKeys.name(), this.consumerId);
				Prepared<R> entry = this.keys.gone(id);
				if (entry != null) {
					next.add(entry);
				}
			}
		}
		if (!next.isEmpty()) {
			this.inFlight.signal();
		}
		return next;
	}

}
