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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.WireCodec.DeadLetterMetadata;
import io.github.processredisevents.core.observation.TraceFields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * Settles entries that are not simply acknowledged: releases a failed entry for
 * redelivery after a back-off, or dead-letters it. A dead-lettered entry is acknowledged
 * only once its dead letter is written (atomically when both keys share a hash slot); if
 * the write fails the entry stays pending.
 */
final class Outcomes {

	private static final Logger logger = LoggerFactory.getLogger(Outcomes.class);

	private static final int IDS_PER_CALL = 1000;

	private final UnifiedJedis jedis;

	private final StreamKeys keys;

	private final WireCodec codec;

	private final String group;

	private final String consumerId;

	private final ProcessOptions<?> options;

	private final Clock clock;

	private @Nullable RetryTimer retryTimer;

	Outcomes(UnifiedJedis jedis, StreamKeys keys, WireCodec codec, String consumerId, ProcessOptions<?> options,
			Clock clock) {
		this.jedis = jedis;
		this.keys = keys;
		this.codec = codec;
		this.group = options.group();
		this.consumerId = consumerId;
		this.options = options;
		this.clock = clock;
	}

	/**
	 * Set the timer that claims released entries when their back-off has passed.
	 */
	void retryTimer(RetryTimer retryTimer) {
		this.retryTimer = retryTimer;
	}

	/**
	 * Make a failed entry reclaimable once its back-off delay has passed, by setting its
	 * idle time to {@code lease - delay}.
	 * @return whether this consumer still owned it
	 */
	boolean release(Delivery delivery, Duration delay) {
		long idle = Math.max(0, this.options.lease().toMillis() - delay.toMillis());
		try {
			boolean owned = release(List.of(delivery), idle) == 1;
			if (owned && this.retryTimer != null) {
				this.retryTimer.schedule(delivery.id(), delay);
			}
			return owned;
		}
		catch (JedisException ex) {
			logger.warn("Could not release failed entry {} of stream '{}' for retry ({}); it will be retried"
					+ " after its lease expires", delivery.id(), this.keys.name(), ex.getMessage());
			return true;
		}
	}

	/**
	 * Make entries this consumer will not handle reclaimable by other consumers at once,
	 * with one script call per {@value #IDS_PER_CALL} entries.
	 */
	void releaseNow(List<Delivery> deliveries) {
		try {
			for (int from = 0; from < deliveries.size(); from += IDS_PER_CALL) {
				release(deliveries.subList(from, Math.min(deliveries.size(), from + IDS_PER_CALL)),
						this.options.lease().toMillis());
			}
		}
		catch (JedisException ex) {
			logger.debug("Could not hand back {} entries of stream '{}' ({}); they are reclaimed after their lease",
					deliveries.size(), this.keys.name(), ex.getMessage());
		}
	}

	/**
	 * Hand entries back unhandled (the later entries of a batch whose handler failed on
	 * an earlier one): reclaimable at once, with their attempts unchanged.
	 */
	void handBack(List<Delivery> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		List<String> args = new ArrayList<>(deliveries.size() * 2 + 3);
		args.add(this.group);
		args.add(this.consumerId);
		args.add(Long.toString(this.options.lease().toMillis()));
		for (Delivery delivery : deliveries) {
			args.add(delivery.id());
			args.add(Integer.toString(delivery.attempts()));
		}
		try {
			RedisErrors.call("EVALSHA (hand back: XPENDING, XCLAIM)", this.keys.stream(),
					() -> Scripts.HAND_BACK.run(this.jedis, List.of(this.keys.stream()), args));
			if (this.retryTimer != null) {
				deliveries.forEach((delivery) -> this.retryTimer.schedule(delivery.id(), Duration.ZERO));
			}
		}
		catch (JedisException ex) {
			logger.warn("Could not hand back {} entries of stream '{}' ({}); they are redelivered after their lease",
					deliveries.size(), this.keys.name(), ex.getMessage());
		}
	}

	private long release(List<Delivery> deliveries, long idleMillis) {
		if (deliveries.isEmpty()) {
			return 0;
		}
		List<String> args = new ArrayList<>(deliveries.size() + 3);
		args.add(this.group);
		args.add(this.consumerId);
		args.add(Long.toString(idleMillis));
		deliveries.forEach((delivery) -> args.add(delivery.id()));
		Object owned = RedisErrors.call("EVALSHA (release: XPENDING, XCLAIM)", this.keys.stream(),
				() -> Scripts.RELEASE.run(this.jedis, List.of(this.keys.stream()), args));
		return (owned instanceof Long count) ? count : 0;
	}

	/**
	 * What the INFO line says of a dead letter's error: the reason an entry could not be
	 * read without the details that may quote its payload ("Entry 'data' does not match
	 * type com.example.Order"), otherwise the error type.
	 */
	private static String headline(String error, @Nullable String errorType) {
		if (UndecodableEntryException.class.getSimpleName().equals(errorType)) {
			int details = error.indexOf(": ");
			return (details > 0) ? error.substring(0, details) : error;
		}
		return (errorType != null) ? errorType : "retry limit";
	}

	/**
	 * How often the entry was delivered, this delivery included: an undecodable entry is
	 * dead-lettered on its first delivery, before any attempt of the handler.
	 */
	private static String deliveries(Delivery delivery) {
		int deliveries = delivery.attempts() + 1;
		return (deliveries == 1) ? "on its first delivery" : "after " + deliveries + " deliveries";
	}

	/**
	 * Dead-letter an entry (or only acknowledge it, when dead letters are off).
	 * @param attempts the attempts recorded in the metadata
	 * @return whether the entry was settled; {@code false} leaves it pending
	 */
	boolean deadLetter(Delivery delivery, int attempts, String error, @Nullable String errorType) {
		try {
			if (!this.options.deadLetter()) {
				RedisErrors.call("XACK", this.keys.stream(),
						() -> this.jedis.xack(this.keys.stream(), this.group, new StreamEntryID(delivery.id())));
				return true;
			}
			String letter = this.codec.deadLetter(delivery.fields(), new DeadLetterMetadata(delivery.id(), attempts,
					this.group, this.consumerId, this.clock.millis(), error, errorType));
			// the dead letter keeps the entry's trace context, and a redrive carries it
			// back
			Map<String, String> fields = EntryObservations.fields(letter);
			TraceFields.copy(delivery.fields(), fields);
			if (this.keys.deadLettersShareSlot()) {
				List<String> args = new ArrayList<>(7);
				args.add(this.group);
				args.add(delivery.id());
				args.add(letter);
				fields.forEach((name, value) -> {
					if (!WireCodec.DATA_FIELD.equals(name)) {
						args.add(name);
						args.add(value);
					}
				});
				RedisErrors.call("EVALSHA (dead letter: XADD, XACK)", this.keys.deadLetters(), () -> Scripts.DEAD_LETTER
					.run(this.jedis, List.of(this.keys.stream(), this.keys.deadLetters()), args));
			}
			else {
				RedisErrors.call("XADD", this.keys.deadLetters(),
						() -> this.jedis.xadd(this.keys.deadLetters(), XAddParams.xAddParams(), fields));
				RedisErrors.call("XACK", this.keys.stream(),
						() -> this.jedis.xack(this.keys.stream(), this.group, new StreamEntryID(delivery.id())));
			}
			logger.info("Dead-lettered entry {} of stream '{}' {} ({}; the error is in the dead letter's metadata)",
					delivery.id(), this.keys.name(), deliveries(delivery), headline(error, errorType));
			logger.debug("Entry {} of stream '{}' was dead-lettered because: {}", delivery.id(), this.keys.name(),
					error);
			return true;
		}
		catch (JedisException ex) {
			logger.error("Could not dead-letter entry {} of stream '{}' ({}); it stays pending and will be"
					+ " dead-lettered when delivered again", delivery.id(), this.keys.name(), ex.getMessage());
			return false;
		}
	}

}
