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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import static io.github.processredisevents.core.metrics.MeterNames.BATCH_SIZE;
import static io.github.processredisevents.core.metrics.MeterNames.DEAD_LETTERED;
import static io.github.processredisevents.core.metrics.MeterNames.DEAD_LETTER_LENGTH;
import static io.github.processredisevents.core.metrics.MeterNames.IN_FLIGHT;
import static io.github.processredisevents.core.metrics.MeterNames.LAG;
import static io.github.processredisevents.core.metrics.MeterNames.PENDING;
import static io.github.processredisevents.core.metrics.MeterNames.PROCESSED;
import static io.github.processredisevents.core.metrics.MeterNames.PROCESSING_DURATION;
import static io.github.processredisevents.core.metrics.MeterNames.RETRIED;
import static io.github.processredisevents.core.metrics.MeterNames.WAIT;

/**
 * The meters of one stream processor, named as in the shared wire format (Micrometer
 * form: {@code redis.stream.messages.processed} is scraped as
 * {@code redis_stream_messages_processed_total}), tagged {@code stream_name} and
 * {@code consumer_group}, plus {@code consumer_id} on the counters.
 *
 * @since 0.1.0
 */
class ProcessorMetrics {

	private static final ProcessorMetrics NONE = new ProcessorMetrics();

	private final @Nullable MeterRegistry registry;

	private final @Nullable Counter success;

	private final @Nullable Counter error;

	private final @Nullable Counter retried;

	private final @Nullable Counter deadLettered;

	private final @Nullable Timer duration;

	private final @Nullable DistributionSummary batchSize;

	private final @Nullable Timer wait;

	private final AtomicLong pending = new AtomicLong();

	/**
	 * Entries not yet delivered; NaN while Redis cannot tell (before Redis 7, or after
	 * deletions).
	 */
	private final AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);

	private final AtomicLong deadLetterLength = new AtomicLong();

	private final List<Meter> meters;

	private ProcessorMetrics() {
		this.registry = null;
		this.success = null;
		this.error = null;
		this.retried = null;
		this.deadLettered = null;
		this.duration = null;
		this.batchSize = null;
		this.wait = null;
		this.meters = List.of();
	}

	private ProcessorMetrics(MeterRegistry registry, String stream, String group, String consumerId,
			Supplier<Number> inFlight) {
		this.registry = registry;
		Tags tags = Tags.of("stream_name", stream, "consumer_group", group);
		Tags consumerTags = tags.and("consumer_id", consumerId);
		this.success = Counter.builder(PROCESSED)
			.description("Handler outcomes")
			.tags(consumerTags)
			.tag("status", "success")
			.register(registry);
		this.error = Counter.builder(PROCESSED)
			.description("Handler outcomes")
			.tags(consumerTags)
			.tag("status", "error")
			.register(registry);
		this.retried = Counter.builder(RETRIED)
			.description("Failed entries released for another delivery")
			.tags(consumerTags)
			.register(registry);
		this.deadLettered = Counter.builder(DEAD_LETTERED)
			.description("Entries given up on and dead-lettered")
			.tags(consumerTags)
			.register(registry);
		this.duration = Timer.builder(PROCESSING_DURATION)
			.description("Handler time per entry")
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
		this.batchSize = DistributionSummary.builder(BATCH_SIZE)
			.description("Entries handed out per read")
			.tags(tags)
			.serviceLevelObjectives(1, 5, 10, 20, 50, 100, 200, 500, 1000)
			.register(registry);
		this.wait = Timer.builder(WAIT)
			.description("Time from adding an entry to its handler's start")
			.tags(tags)
			.register(registry);
		Gauge pendingGauge = Gauge.builder(PENDING, this.pending, AtomicLong::get)
			.description("Pending entries of the consumer group")
			.tags(tags)
			.register(registry);
		Gauge lagGauge = Gauge.builder(LAG, this.lag, AtomicReference::get)
			.description("Entries not yet delivered to the consumer group")
			.tags(tags)
			.register(registry);
		Gauge deadLetterGauge = Gauge.builder(DEAD_LETTER_LENGTH, this.deadLetterLength, AtomicLong::get)
			.description("Length of the dead-letter stream")
			.tags(tags)
			.register(registry);
		Gauge inFlightGauge = Gauge.builder(IN_FLIGHT, inFlight)
			.description("Entries fetched and not yet finished")
			.tags(consumerTags)
			.register(registry);
		this.meters = List.of(this.success, this.error, this.retried, this.deadLettered, this.duration, this.batchSize,
				this.wait, pendingGauge, lagGauge, deadLetterGauge, inFlightGauge);
	}

	/**
	 * Meters for one processor, or none when {@code registry} is {@code null}.
	 * @param registry the registry, or {@code null}
	 * @param stream the stream name
	 * @param group the consumer group
	 * @param consumerId the consumer id
	 * @param inFlight the number of in-flight entries
	 * @return the meters
	 */
	static ProcessorMetrics create(@Nullable MeterRegistry registry, String stream, String group, String consumerId,
			Supplier<Number> inFlight) {
		return (registry != null) ? new ProcessorMetrics(registry, stream, group, consumerId, inFlight) : NONE;
	}

	/**
	 * Whether meters are registered.
	 * @return whether a registry was given
	 */
	boolean enabled() {
		return this.registry != null;
	}

	/**
	 * Record a handler that returned normally.
	 * @param elapsed its duration
	 */
	void success(Duration elapsed) {
		if (this.success != null && this.duration != null) {
			this.success.increment();
			this.duration.record(elapsed);
		}
	}

	/**
	 * Record a failed attempt.
	 * @param elapsed its duration
	 */
	void error(Duration elapsed) {
		if (this.error != null && this.duration != null) {
			this.error.increment();
			this.duration.record(elapsed);
		}
	}

	/**
	 * Record a failed entry released for another delivery.
	 */
	void retried() {
		if (this.retried != null) {
			this.retried.increment();
		}
	}

	/**
	 * Record an entry given up on.
	 */
	void deadLettered() {
		if (this.deadLettered != null) {
			this.deadLettered.increment();
		}
	}

	/**
	 * Record how long an entry waited before its handler started: from the time in its id
	 * (when Redis accepted it) to now. A retry's wait counts from the same time.
	 * @param entryId the entry id, such as {@code 1732712345678-0}
	 */
	void waited(String entryId) {
		if (this.wait != null) {
			int dash = entryId.indexOf('-');
			try {
				long added = Long.parseLong((dash >= 0) ? entryId.substring(0, dash) : entryId);
				this.wait.record(Math.max(0, System.currentTimeMillis() - added), TimeUnit.MILLISECONDS);
			}
			catch (NumberFormatException ex) {
				// not a stream entry id: nothing to measure
			}
		}
	}

	/**
	 * Record the size of a fetched batch.
	 * @param size the number of entries
	 */
	void batch(int size) {
		if (this.batchSize != null) {
			this.batchSize.record(size);
		}
	}

	/**
	 * Update the group figures read from Redis.
	 * @param pending pending entries of the group
	 * @param lag entries not yet delivered to the group, or {@code null} when Redis
	 * cannot tell (before Redis 7, or when entries were deleted): the gauge then reads
	 * NaN
	 * @param deadLetterLength length of the dead-letter stream
	 */
	void groupFigures(long pending, @Nullable Long lag, long deadLetterLength) {
		this.pending.set(pending);
		this.lag.set((lag != null) ? lag.doubleValue() : Double.NaN);
		this.deadLetterLength.set(deadLetterLength);
	}

	/**
	 * Remove this processor's meters from the registry.
	 */
	void close() {
		if (this.registry != null) {
			this.meters.forEach(this.registry::remove);
		}
	}

}
