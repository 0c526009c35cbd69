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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Brings a failed entry back to this consumer when its back-off has passed, instead of at
 * the next reclaim, which runs only once per poll interval (a quarter lease, up to 1 s).
 * A failed entry is released with its idle time set to {@code lease - backoff}, so other
 * consumers may reclaim it once the back-off has passed; at that moment this timer claims
 * it with one script call, unless it was settled or another consumer took it meanwhile.
 * The retry thus comes back within its back-off plus a few milliseconds (one timer tick
 * and one round trip); when this consumer is paused or stopping, the regular reclaim
 * takes the entry instead.
 */
final class RetryTimer {

	private static final Logger logger = LoggerFactory.getLogger(RetryTimer.class);

	/**
	 * Added to each delay: Redis counts idle time in whole milliseconds.
	 */
	private static final long SLACK_MILLIS = 1;

	private final UnifiedJedis jedis;

	private final StreamKeys keys;

	private final String group;

	private final String consumerId;

	private final long leaseMillis;

	private final ScheduledExecutorService scheduler;

	private final Consumer<List<Delivery>> dispatch;

	private final BooleanSupplier active;

	private final InFlightEntries inFlight;

	/**
	 * Create a timer.
	 * @param dispatch hands a claimed entry to the workers
	 * @param active whether the processor runs (neither paused nor stopping)
	 */
	RetryTimer(UnifiedJedis jedis, StreamKeys keys, String group, String consumerId, Duration lease,
			ScheduledExecutorService scheduler, InFlightEntries inFlight, Consumer<List<Delivery>> dispatch,
			BooleanSupplier active) {
		this.jedis = jedis;
		this.keys = keys;
		this.group = group;
		this.consumerId = consumerId;
		this.leaseMillis = lease.toMillis();
		this.scheduler = scheduler;
		this.inFlight = inFlight;
		this.dispatch = dispatch;
		this.active = active;
	}

	/**
	 * Claim an entry once its back-off has passed; call right after it was released.
	 * @param id the entry id
	 * @param backoff the back-off it was released with
	 */
	void schedule(String id, Duration backoff) {
		schedule(id, backoff.toMillis());
	}

	private void schedule(String id, long delayMillis) {
		try {
			this.scheduler.schedule(() -> claim(id), delayMillis + SLACK_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping: the entry is reclaimed by a consumer that runs
		}
	}

	private void claim(String id) {
		if (!this.active.getAsBoolean() || this.inFlight.contains(id)) {
			return;
		}
		Object reply;
		try {
			reply = RedisErrors.call("EVALSHA (claim due retry: XPENDING, XCLAIM)", this.keys.stream(),
					() -> Scripts.CLAIM_DUE.run(this.jedis, List.of(this.keys.stream()),
							List.of(this.group, this.consumerId, Long.toString(this.leaseMillis), id)));
		}
		catch (JedisException ex) {
			logger.debug("Could not claim entry {} of stream '{}' for its retry ({}); it is reclaimed with the next"
					+ " reclaim", id, this.keys.name(), ex.getMessage());
			return;
		}
		if (reply instanceof Long notYet && notYet < 0) {
			// this consumer still owns it, a few milliseconds short of due
			schedule(id, -notYet);
		}
		else if (reply instanceof List<?> claimed && claimed.size() == 3) {
			Delivery delivery = new Delivery((String) claimed.get(0), fields((List<?>) claimed.get(1)),
					(int) Math.max(0, (Long) claimed.get(2) - 1));
			this.dispatch.accept(List.of(delivery));
		}
	}

	private static Map<String, String> fields(List<?> flat) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
		}
		return fields;
	}

}
