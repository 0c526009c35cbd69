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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Fetches entries for one consumer: creates the group, reclaims entries whose lease
 * expired ({@code XAUTOCLAIM}, which also drops entries deleted from the stream out of
 * the pending list), and reads new entries ({@code XREADGROUP ... >}). All of it on a
 * connection of its own, so that a busy command pool never stalls fetching.
 */
final class EntryReader {

	private static final Logger logger = LoggerFactory.getLogger(EntryReader.class);

	private final UnifiedJedis jedis;

	private final StreamKeys keys;

	private final String group;

	private final String consumerId;

	private final long leaseMillis;

	private StreamEntryID reclaimCursor = new StreamEntryID();

	private volatile @Nullable StreamEntryID takeOverCursor;

	EntryReader(UnifiedJedis jedis, StreamKeys keys, String group, String consumerId, Duration lease) {
		this.jedis = jedis;
		this.keys = keys;
		this.group = group;
		this.consumerId = consumerId;
		this.leaseMillis = lease.toMillis();
	}

	/**
	 * Create the consumer group (and the stream) unless it exists.
	 * @return whether it was created
	 */
	boolean createGroup(StartFrom startFrom) {
		try {
			this.jedis.xgroupCreate(this.keys.stream(), this.group,
					(startFrom == StartFrom.LATEST) ? StreamEntryID.XGROUP_LAST_ENTRY : new StreamEntryID(), true);
			return true;
		}
		catch (JedisDataException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("BUSYGROUP")) {
				return false;
			}
			throw RedisErrors.describe("XGROUP CREATE", this.keys.stream(), ex);
		}
	}

	/**
	 * Read new entries, blocking at most {@code block} when there are none.
	 */
	List<Delivery> readNew(int count, Duration block) {
		XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count).block((int) block.toMillis());
		List<Map.Entry<String, List<StreamEntry>>> reply = RedisErrors.call("XREADGROUP", this.keys.stream(),
				() -> this.jedis.xreadGroup(this.group, this.consumerId, params,
						Map.of(this.keys.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
		if (reply == null || reply.isEmpty()) {
			return List.of();
		}
		List<StreamEntry> entries = reply.get(0).getValue();
		List<Delivery> deliveries = new ArrayList<>(entries.size());
		for (StreamEntry entry : entries) {
			deliveries.add(new Delivery(entry.getID().toString(), fields(entry), 0));
		}
		return deliveries;
	}

	/**
	 * Take over entries idle longer than the lease, with their delivery counts.
	 * @param count how many entries to take at most
	 * @param alreadyOwned how many entries this consumer holds already
	 */
	List<Delivery> reclaim(int count, int alreadyOwned) {
		Map.Entry<StreamEntryID, List<StreamEntry>> reply = autoclaim(this.leaseMillis, this.reclaimCursor, count);
		this.reclaimCursor = reply.getKey();
		return claimed(reply, alreadyOwned);
	}

	/**
	 * Start taking over every pending entry of the group, whoever holds it (ordered
	 * processing, when this consumer has just become the partition's owner).
	 */
	void startTakeOver() {
		this.takeOverCursor = new StreamEntryID();
	}

	/**
	 * Take over the next pending entries of the group, whoever holds them, in id order
	 * ({@code XAUTOCLAIM} with a minimum idle time of 0, which counts a delivery).
	 * @param count how many entries to take at most
	 * @param alreadyOwned how many entries this consumer holds already
	 * @return the entries taken over; empty, with {@link #takingOver()} false, once every
	 * pending entry was looked at
	 */
	List<Delivery> takeOver(int count, int alreadyOwned) {
		StreamEntryID cursor = this.takeOverCursor;
		if (cursor == null) {
			return List.of();
		}
		Map.Entry<StreamEntryID, List<StreamEntry>> reply = autoclaim(0, cursor, count);
		StreamEntryID next = reply.getKey();
		this.takeOverCursor = (next == null || new StreamEntryID().equals(next)) ? null : next;
		return claimed(reply, alreadyOwned);
	}

	/**
	 * Whether a take-over has pending entries left to look at.
	 */
	boolean takingOver() {
		return this.takeOverCursor != null;
	}

	private Map.Entry<StreamEntryID, List<StreamEntry>> autoclaim(long minIdle, StreamEntryID cursor, int count) {
		return RedisErrors.call("XAUTOCLAIM", this.keys.stream(), () -> this.jedis.xautoclaim(this.keys.stream(),
				this.group, this.consumerId, minIdle, cursor, XAutoClaimParams.xAutoClaimParams().count(count)));
	}

	private List<Delivery> claimed(Map.Entry<StreamEntryID, List<StreamEntry>> reply, int alreadyOwned) {
		List<StreamEntry> entries = new ArrayList<>();
		List<StreamEntryID> deleted = new ArrayList<>();
		for (StreamEntry entry : reply.getValue()) {
			if (entry == null) {
				continue;
			}
			if (entry.getFields() == null) {
				deleted.add(entry.getID());
			}
			else {
				entries.add(entry);
			}
		}
		if (!deleted.isEmpty()) {
			// Redis before 7.0 returns entries deleted from the stream with no fields
			RedisErrors.call("XACK", this.keys.stream(),
					() -> this.jedis.xack(this.keys.stream(), this.group, deleted.toArray(StreamEntryID[]::new)));
			logger.info("Removed {} entries deleted from stream '{}' from the pending list of group '{}'",
					deleted.size(), this.keys.name(), this.group);
		}
		if (entries.isEmpty()) {
			return List.of();
		}
		Map<String, Long> deliveries = deliveryCounts(entries, alreadyOwned);
		List<Delivery> reclaimed = new ArrayList<>(entries.size());
		for (StreamEntry entry : entries) {
			String id = entry.getID().toString();
			long delivered = deliveries.getOrDefault(id, 1L);
			reclaimed.add(new Delivery(id, fields(entry), (int) Math.max(0, delivered - 1)));
		}
		logger.debug("Consumer '{}' reclaimed {} entries on stream '{}'", this.consumerId, reclaimed.size(),
				this.keys.name());
		return reclaimed;
	}

	private Map<String, Long> deliveryCounts(List<StreamEntry> entries, int alreadyOwned) {
		StreamEntryID first = entries.get(0).getID();
		StreamEntryID last = entries.get(0).getID();
		for (StreamEntry entry : entries) {
			first = (entry.getID().compareTo(first) < 0) ? entry.getID() : first;
			last = (entry.getID().compareTo(last) > 0) ? entry.getID() : last;
		}
		XPendingParams params = XPendingParams.xPendingParams(first, last, entries.size() + alreadyOwned + 16)
			.consumer(this.consumerId);
		List<StreamPendingEntry> pending = RedisErrors.call("XPENDING", this.keys.stream(),
				() -> this.jedis.xpending(this.keys.stream(), this.group, params));
		Map<String, Long> counts = new HashMap<>();
		for (StreamPendingEntry entry : pending) {
			counts.put(entry.getID().toString(), entry.getDeliveredTimes());
		}
		return counts;
	}

	private static Map<String, String> fields(StreamEntry entry) {
		Map<String, String> fields = entry.getFields();
		return (fields != null) ? fields : Map.of();
	}

}
