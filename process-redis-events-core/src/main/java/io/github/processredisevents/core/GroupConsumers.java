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
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Looks after the other consumers of this consumer's group. It warns when a consumer id
 * that was given (not generated) is in use by another live process, and it removes
 * consumers that hold no pending entries and have been idle past a threshold, so that
 * {@code XINFO CONSUMERS} does not fill up with the dead consumers of earlier runs. A
 * consumer that still holds entries is never removed ({@code XGROUP DELCONSUMER} would
 * drop them for good); the check and the removal are one script call.
 */
final class GroupConsumers {

	private static final Logger logger = LoggerFactory.getLogger(GroupConsumers.class);

	private static final Duration LONGEST_SWEEP_INTERVAL = Duration.ofMinutes(5);

	private static final Duration SHORTEST_SWEEP_INTERVAL = Duration.ofMillis(100);

	private final UnifiedJedis jedis;

	private final StreamKeys keys;

	private final String group;

	private final String consumerId;

	private final Duration removeAfter;

	private final Duration pollInterval;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean sweeping = true;

	GroupConsumers(UnifiedJedis jedis, StreamKeys keys, String group, String consumerId, Duration removeAfter,
			Duration pollInterval) {
		this.jedis = jedis;
		this.keys = keys;
		this.group = group;
		this.consumerId = consumerId;
		this.removeAfter = removeAfter;
		this.pollInterval = pollInterval;
	}

	/**
	 * Warn when a consumer of this name looks alive: it read from the group moments ago
	 * (a live process polls at least once per poll interval; Redis 7.0 counts only reads
	 * that returned entries), or it holds entries whose leases are being extended (idle
	 * for less than half a lease). Right after a crash the dead process's consumer looks
	 * alive too, hence "probably". Call before the first read.
	 */
	void warnIfInUse(Duration lease) {
		try {
			for (StreamConsumerInfo consumer : this.jedis.xinfoConsumers2(this.keys.stream(), this.group)) {
				if (consumer.getName().equals(this.consumerId)) {
					long sinceRead = consumer.getIdle();
					long freshest = (consumer.getPending() > 0) ? freshestPending() : Long.MAX_VALUE;
					if (sinceRead < 2 * this.pollInterval.toMillis() || freshest < lease.toMillis() / 2) {
						logger.warn("Consumer id '{}' of group '{}' on stream '{}' is probably in use by another"
								+ " process that still runs (it read {} ms ago and holds {} pending entries). Two"
								+ " live processes sharing one consumer id share one list of pending entries:"
								+ " neither notices when the other takes over an entry it is still handling, so"
								+ " entries can be handled twice. Give each process an id of its own (e.g."
								+ " ${HOSTNAME}).", this.consumerId, this.group, this.keys.name(), sinceRead,
								consumer.getPending());
					}
				}
			}
		}
		catch (JedisException ex) {
			logger.debug("Could not list the consumers of group '{}' on stream '{}': {}", this.group, this.keys.name(),
					ex.getMessage());
		}
	}

	/**
	 * The smallest idle time among this consumer's pending entries (the first 100).
	 */
	private long freshestPending() {
		XPendingParams params = XPendingParams.xPendingParams().count(100).consumer(this.consumerId);
		return this.jedis.xpending(this.keys.stream(), this.group, params)
			.stream()
			.mapToLong(StreamPendingEntry::getIdleTime)
			.min()
			.orElse(Long.MAX_VALUE);
	}

	/**
	 * Remove idle consumers now and then, from now on (once the group exists); does
	 * nothing when the threshold is zero or when already started.
	 */
	void start(ScheduledExecutorService scheduler) {
		if (this.removeAfter.isZero() || !this.started.compareAndSet(false, true)) {
			return;
		}
		long interval = Math.max(SHORTEST_SWEEP_INTERVAL.toMillis(),
				Math.min(LONGEST_SWEEP_INTERVAL.toMillis(), this.removeAfter.toMillis() / 2));
		try {
			scheduler.scheduleWithFixedDelay(this::sweep, 0, interval, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
		}
	}

	/**
	 * Remove the consumers, other than this one, that hold no pending entries and have
	 * been idle at least the threshold.
	 * @return the names of the removed consumers
	 */
	List<String> sweep() {
		if (!this.sweeping) {
			return List.of();
		}
		try {
			Object reply = RedisErrors.call("EVALSHA (remove idle consumers: XINFO CONSUMERS, XGROUP DELCONSUMER)",
					this.keys.stream(), () -> Scripts.REMOVE_IDLE_CONSUMERS.run(this.jedis, List.of(this.keys.stream()),
							List.of(this.group, this.consumerId, Long.toString(this.removeAfter.toMillis()))));
			List<String> removed = (reply instanceof List<?> names) ? names.stream().map(String::valueOf).toList()
					: List.of();
			if (!removed.isEmpty()) {
				logger.info(
						"Removed {} consumers of group '{}' on stream '{}' that held no pending entries and were"
								+ " idle for at least {}: {}",
						removed.size(), this.group, this.keys.name(), this.removeAfter, removed);
			}
			return removed;
		}
		catch (JedisException ex) {
			if (!(ex instanceof JedisAccessControlException) && !String.valueOf(ex.getMessage()).contains("NOPERM")) {
				logger.debug("Could not remove idle consumers of group '{}' on stream '{}': {}", this.group,
						this.keys.name(), ex.getMessage());
				return List.of();
			}
			this.sweeping = false;
			logger.warn(
					"Not removing idle consumers of group '{}' on stream '{}': Redis refused ({}); grant"
							+ " +xinfo|consumers +xgroup|delconsumer +evalsha, or set removeIdleConsumersAfter to 0",
					this.group, this.keys.name(), ex.getMessage());
		}
		return List.of();
	}

}
