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
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Extends the leases of in-flight entries every half lease, with one script call per
 * 1,000 entries (so one round trip per interval for a usual concurrency, and two commands
 * inside Redis per call whatever the number of entries), and marks the entries that
 * another consumer has reclaimed as lost instead of taking them back. A failure (any
 * {@link RuntimeException}) is logged once and retried every tenth of a lease until Redis
 * answers; only an {@link Error} ends the heartbeats, and it is reported as a dead
 * thread.
 */
final class LeaseKeeper {

	private static final Logger logger = LoggerFactory.getLogger(LeaseKeeper.class);

	private static final int IDS_PER_CALL = 1000;

	private final UnifiedJedis jedis;

	private final StreamKeys keys;

	private final String group;

	private final String consumerId;

	private final InFlightEntries inFlight;

	private final Duration interval;

	private final Duration retryInterval;

	private final ScheduledExecutorService scheduler;

	private final DeadThreads deadThreads;

	private volatile boolean running = true;

	private int failures;

	LeaseKeeper(UnifiedJedis jedis, StreamKeys keys, String group, String consumerId, InFlightEntries inFlight,
			Duration lease, ScheduledExecutorService scheduler, DeadThreads deadThreads) {
		this.jedis = jedis;
		this.keys = keys;
		this.group = group;
		this.consumerId = consumerId;
		this.inFlight = inFlight;
		this.interval = lease.dividedBy(2);
		this.retryInterval = lease.dividedBy(10);
		this.scheduler = scheduler;
		this.deadThreads = deadThreads;
	}

	void start() {
		schedule(this.interval);
	}

	void stop() {
		this.running = false;
	}

	private void schedule(Duration delay) {
		if (this.running) {
			this.scheduler.schedule(this::extendAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void extendAndReschedule() {
		Duration next = this.interval;
		try {
			extend();
			if (this.failures > 0) {
				logger.info("Extending leases on stream '{}' for consumer '{}' works again", this.keys.name(),
						this.consumerId);
			}
			this.failures = 0;
		}
		catch (RuntimeException ex) {
			onFailure(ex);
			next = this.retryInterval;
		}
		catch (Error ex) {
			this.deadThreads.ended("redis-events-" + this.keys.name() + "-" + this.consumerId + "-lease", ex);
			return;
		}
		schedule(next);
	}

	private void onFailure(RuntimeException ex) {
		if (this.failures++ > 0) {
			logger.debug("Still cannot extend leases on stream '{}': {}", this.keys.name(), ex.getMessage());
		}
		else if (ex instanceof JedisException) {
			logger.warn("Could not extend leases on stream '{}' for consumer '{}' ({}); retrying every {} ms",
					this.keys.name(), this.consumerId, ex.getMessage(), this.retryInterval.toMillis());
		}
		else {
			logger.warn("Could not extend leases on stream '{}' for consumer '{}'; retrying every {} ms",
					this.keys.name(), this.consumerId, this.retryInterval.toMillis(), ex);
		}
	}

	/**
	 * Extend the leases of every in-flight entry now.
	 * @return the ids still in flight found to be owned by another consumer
	 */
	List<String> extend() {
		List<StreamEntryID> ids = new ArrayList<>();
		for (String id : this.inFlight.ids()) {
			ids.add(new StreamEntryID(id));
		}
		// sorted, so that each call's XPENDING covers a range no wider than its ids
		ids.sort(null);
		List<String> lost = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
			List<StreamEntryID> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
			List<String> args = new ArrayList<>(chunk.size() + 4);
			args.add(this.group);
			args.add(this.consumerId);
			args.add(chunk.get(0).toString());
			args.add(chunk.get(chunk.size() - 1).toString());
			for (StreamEntryID id : chunk) {
				args.add(id.toString());
			}
			Object reply = RedisErrors.call("EVALSHA (extend leases: XPENDING, XCLAIM)", this.keys.stream(),
					() -> Scripts.EXTEND_LEASES.run(this.jedis, List.of(this.keys.stream()), args));
			if (reply instanceof List<?> lostIds) {
				for (Object id : lostIds) {
					String lostId = RedisReplies.string(id);
					if (this.inFlight.markLost(lostId)) {
						lost.add(lostId);
					}
				}
			}
		}
		if (!lost.isEmpty()) {
			logger.warn(
					"Consumer '{}' lost the lease of {} on stream '{}' to another consumer (it was paused or"
							+ " too slow); their outcome here will not be acknowledged",
					this.consumerId, lost, this.keys.name());
		}
		return lost;
	}

}
