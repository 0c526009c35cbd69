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

package io.github.processredisevents.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.github.processredisevents.core.ProcessOption;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessOverrides;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration properties for process-redis-events.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("redis-events")
public class RedisEventsProperties {

	/**
	 * Whether to auto-configure process-redis-events.
	 */
	private boolean enabled = true;

	/**
	 * Prefix of the Redis keys of streams, their dead letters and events.
	 */
	private String keyPrefix = RedisEvents.DEFAULT_KEY_PREFIX;

	/**
	 * How long stopping a handler waits for its running entries before leaving them
	 * pending for other consumers.
	 */
	private Duration shutdownTimeout = ProcessOptions.DEFAULT_SHUTDOWN_TIMEOUT;

	/**
	 * Whether the application fails to start when Redis does not answer at startup;
	 * otherwise it starts and its handlers connect once Redis answers.
	 */
	private boolean failFast;

	/**
	 * Settings applied to every handler unless the handler overrides them.
	 */
	private final Handler defaults = new Handler();

	/**
	 * Settings of single handlers, by handler id; they override the annotation.
	 */
	private final Map<String, Handler> handlers = new LinkedHashMap<>();

	/**
	 * Settings of streams, by stream name; producers and consumers of a stream must agree
	 * on them.
	 */
	private final Map<String, StreamSettings> streams = new LinkedHashMap<>();

	private final Actuator actuator = new Actuator();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Handler getDefaults() {
		return this.defaults;
	}

	public Map<String, Handler> getHandlers() {
		return this.handlers;
	}

	public Map<String, StreamSettings> getStreams() {
		return this.streams;
	}

	/**
	 * Copy the streams' partition counts and partition keys onto the engine's builder.
	 * @param builder the builder
	 * @throws InvalidConfigurationPropertyValueException if a count is out of range or a
	 * partition key is not a JSON Pointer
	 */
	void applyStreams(RedisEvents.Builder builder) {
		this.streams.forEach((name, settings) -> {
			String prefix = "redis-events.streams." + name;
			apply(prefix + ".partitions", settings.getPartitions(),
					(partitions) -> builder.partitions(name, partitions));
			String partitionKey = settings.getPartitionKey();
			if (partitionKey != null) {
				if (!partitionKey.startsWith("/")) {
					throw new InvalidConfigurationPropertyValueException(prefix + ".partition-key", partitionKey,
							"The partition key must be a JSON Pointer to the key in the payload, starting with '/':"
									+ " /customerId for a member of the payload, /customer/id for a nested one");
				}
				apply(prefix + ".partition-key", partitionKey, (pointer) -> builder.partitionKey(name, pointer));
			}
		});
	}

	/**
	 * Settings of one logical stream.
	 */
	public static class StreamSettings {

		/**
		 * How many partitions the stream is split into, each a stream of its own in its
		 * own hash slot.
		 */
		private int partitions = 1;

		/**
		 * JSON Pointer of the key in each entry's payload, such as /customerId; entries
		 * are then added to the partition of their key, and ordered handlers handle the
		 * entries of one key one at a time.
		 */
		private @Nullable String partitionKey;

		public int getPartitions() {
			return this.partitions;
		}

		public void setPartitions(int partitions) {
			this.partitions = partitions;
		}

		public @Nullable String getPartitionKey() {
			return this.partitionKey;
		}

		public void setPartitionKey(@Nullable String partitionKey) {
			this.partitionKey = partitionKey;
		}

	}

	public Actuator getActuator() {
		return this.actuator;
	}

	/**
	 * Copy the shutdown timeout onto a builder.
	 * @param builder the builder
	 */
	void applyShutdownTimeout(ProcessOptions.Builder<?> builder) {
		apply("redis-events.shutdown-timeout", this.shutdownTimeout, builder::shutdownTimeout);
	}

	static <T> void apply(String name, T value, Consumer<T> setter) {
		try {
			setter.accept(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(name, value, ex.getMessage());
		}
	}

	/**
	 * Settings of a handler. Each one left unset falls through to the next level of
	 * precedence.
	 */
	public static class Handler {

		/**
		 * Name of the consumer in its group, such as ${HOSTNAME}, kept across restarts;
		 * by default a random id per start. Two live processes must not share one.
		 */
		private @Nullable String consumerId;

		/**
		 * How long other consumers of the group must have been idle, holding no pending
		 * entries, before they are removed; 0 keeps them.
		 */
		private @Nullable Duration removeIdleConsumersAfter;

		/**
		 * How many entries one read fetches at most.
		 */
		private @Nullable Integer batchSize;

		/**
		 * How many entries are handled at once.
		 */
		private @Nullable Integer concurrency;

		/**
		 * How long a consumer owns an entry before others may reclaim it.
		 */
		private @Nullable Duration lease;

		/**
		 * Where a newly created consumer group starts.
		 */
		private @Nullable StartFrom startFrom;

		/**
		 * Total deliveries before an entry is dead-lettered; 0 retries forever.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Whether given-up entries are copied to the dead-letter stream.
		 */
		private @Nullable Boolean deadLetter;

		/**
		 * Whether started, progress, completed and failed events are written to the event
		 * stream.
		 */
		private @Nullable Boolean produceEvents;

		/**
		 * How long one handler call may run before it is interrupted and its attempt
		 * fails; 0 for no limit.
		 */
		private @Nullable Duration timeout;

		/**
		 * Whether entries with the same key are handled one at a time, in the order they
		 * were added, across all consumer processes; needs the stream's partition-key.
		 */
		private @Nullable Boolean ordered;

		private final BackoffSettings backoff = new BackoffSettings();

		public @Nullable String getConsumerId() {
			return this.consumerId;
		}

		public void setConsumerId(@Nullable String consumerId) {
			this.consumerId = consumerId;
		}

		public @Nullable Duration getRemoveIdleConsumersAfter() {
			return this.removeIdleConsumersAfter;
		}

		public void setRemoveIdleConsumersAfter(@Nullable Duration removeIdleConsumersAfter) {
			this.removeIdleConsumersAfter = removeIdleConsumersAfter;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Duration getLease() {
			return this.lease;
		}

		public void setLease(@Nullable Duration lease) {
			this.lease = lease;
		}

		public @Nullable StartFrom getStartFrom() {
			return this.startFrom;
		}

		public void setStartFrom(@Nullable StartFrom startFrom) {
			this.startFrom = startFrom;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Boolean getDeadLetter() {
			return this.deadLetter;
		}

		public void setDeadLetter(@Nullable Boolean deadLetter) {
			this.deadLetter = deadLetter;
		}

		public @Nullable Boolean getProduceEvents() {
			return this.produceEvents;
		}

		public void setProduceEvents(@Nullable Boolean produceEvents) {
			this.produceEvents = produceEvents;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Boolean getOrdered() {
			return this.ordered;
		}

		public void setOrdered(@Nullable Boolean ordered) {
			this.ordered = ordered;
		}

		public BackoffSettings getBackoff() {
			return this.backoff;
		}

		/**
		 * The settings that are set, as overrides of the next lower level of precedence.
		 * @return the overrides
		 */
		ProcessOverrides toOverrides() {
			return ProcessOverrides.builder()
				.set(ProcessOption.CONSUMER_ID, this.consumerId)
				.set(ProcessOption.REMOVE_IDLE_CONSUMERS_AFTER, this.removeIdleConsumersAfter)
				.set(ProcessOption.BATCH_SIZE, this.batchSize)
				.set(ProcessOption.CONCURRENCY, this.concurrency)
				.set(ProcessOption.LEASE, this.lease)
				.set(ProcessOption.START_FROM, this.startFrom)
				.set(ProcessOption.MAX_ATTEMPTS, this.maxAttempts)
				.set(ProcessOption.DEAD_LETTER, this.deadLetter)
				.set(ProcessOption.PRODUCE_EVENTS, this.produceEvents)
				.set(ProcessOption.TIMEOUT, this.timeout)
				.set(ProcessOption.BACKOFF_INITIAL, this.backoff.initial)
				.set(ProcessOption.BACKOFF_MULTIPLIER, this.backoff.multiplier)
				.set(ProcessOption.BACKOFF_MAX, this.backoff.max)
				.set(ProcessOption.ORDERED, this.ordered)
				.build();
		}

	}

	/**
	 * How long a failed entry waits before it is delivered again; it grows by the
	 * multiplier with each failure, up to the maximum.
	 */
	public static class BackoffSettings {

		/**
		 * Delay after the first failure.
		 */
		private @Nullable Duration initial;

		/**
		 * Factor applied to the delay for each further failure.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest delay.
		 */
		private @Nullable Duration max;

		public @Nullable Duration getInitial() {
			return this.initial;
		}

		public void setInitial(@Nullable Duration initial) {
			this.initial = initial;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMax() {
			return this.max;
		}

		public void setMax(@Nullable Duration max) {
			this.max = max;
		}

	}

	/**
	 * Settings of the {@code redisevents} Actuator endpoint.
	 */
	public static class Actuator {

		/**
		 * Whether the endpoint shows the payloads of dead letters.
		 */
		private boolean showPayloads;

		/**
		 * How many pending entries and dead letters the stream detail shows at most.
		 */
		private int maxEntries = 20;

		public boolean isShowPayloads() {
			return this.showPayloads;
		}

		public void setShowPayloads(boolean showPayloads) {
			this.showPayloads = showPayloads;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

	}

}
