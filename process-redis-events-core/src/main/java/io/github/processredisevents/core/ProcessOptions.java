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

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How a stream is processed: the consumer group, how many entries are fetched and handled
 * at once, how long an entry is leased, and what happens when a handler fails. Immutable;
 * create one with {@link #builder(Class)}.
 *
 * @param <T> the payload type that entries are decoded to
 * @since 0.1.0
 */
public final class ProcessOptions<T> {

	/** Default number of entries fetched per read. */
	public static final int DEFAULT_BATCH_SIZE = 20;

	/** Default number of handlers that run at once. */
	public static final int DEFAULT_CONCURRENCY = 10;

	/** Default lease. */
	public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

	/** Default time that stopping waits for running handlers. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Default idle time after which other consumers of the group that hold no pending
	 * entries are removed.
	 */
	public static final Duration DEFAULT_REMOVE_IDLE_CONSUMERS_AFTER = Duration.ofHours(1);

	private final Type payloadType;

	private final String group;

	private final @Nullable String consumerId;

	private final int batchSize;

	private final int concurrency;

	private final Duration lease;

	private final StartFrom startFrom;

	private final BiPredicate<Integer, ? super T> shouldRetry;

	private final int maxAttempts;

	private final Set<Class<? extends Throwable>> notRetryable;

	private final Backoff backoff;

	private final boolean deadLetter;

	private final boolean produceEvents;

	private final int maxPayloadBytes;

	private final Duration shutdownTimeout;

	private final Duration removeIdleConsumersAfter;

	private final @Nullable Duration timeout;

	private final boolean ordered;

	private final @Nullable MeterRegistry meterRegistry;

	private final @Nullable Executor executor;

	private final @Nullable UnaryOperator<Runnable> taskDecorator;

	private ProcessOptions(Builder<T> builder) {
		this.payloadType = builder.payloadType;
		this.group = Objects.requireNonNull(builder.group, "'group' must be set");
		this.consumerId = builder.consumerId;
		this.batchSize = builder.batchSize;
		this.concurrency = builder.concurrency;
		this.lease = builder.lease;
		this.startFrom = builder.startFrom;
		this.shouldRetry = builder.shouldRetry;
		this.maxAttempts = builder.maxAttempts;
		this.notRetryable = Set.copyOf(builder.notRetryable);
		this.backoff = builder.backoff;
		this.deadLetter = builder.deadLetter;
		this.produceEvents = builder.produceEvents;
		this.maxPayloadBytes = builder.maxPayloadBytes;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.removeIdleConsumersAfter = builder.removeIdleConsumersAfter;
		this.timeout = builder.timeout;
		this.ordered = builder.ordered;
		this.meterRegistry = builder.meterRegistry;
		this.executor = builder.executor;
		this.taskDecorator = builder.taskDecorator;
	}

	/**
	 * Start building options for entries whose payload decodes to {@code payloadType}.
	 * @param <T> the payload type
	 * @param payloadType the payload class ({@code Object.class} or {@code JsonNode} for
	 * any JSON)
	 * @return a builder
	 */
	public static <T> Builder<T> builder(Class<T> payloadType) {
		return new Builder<>(payloadType);
	}

	/**
	 * Start building options for a generic payload type, such as {@code List<Order>}.
	 * @param <T> the payload type
	 * @param payloadType the payload type
	 * @return a builder
	 */
	public static <T> Builder<T> builderFor(Type payloadType) {
		return new Builder<>(payloadType);
	}

	/**
	 * The type that entries' {@code data} JSON is decoded to.
	 * @return the payload type
	 */
	public Type payloadType() {
		return this.payloadType;
	}

	/**
	 * The consumer group.
	 * @return the group name
	 */
	public String group() {
		return this.group;
	}

	/**
	 * The consumer id, or {@code null} to generate one.
	 * @return the consumer id
	 */
	public @Nullable String consumerId() {
		return this.consumerId;
	}

	/**
	 * How many entries one read fetches at most.
	 * @return the batch size
	 */
	public int batchSize() {
		return this.batchSize;
	}

	/**
	 * How many handlers run at once at most.
	 * @return the concurrency
	 */
	public int concurrency() {
		return this.concurrency;
	}

	/**
	 * How long this consumer owns an entry without extending it; heartbeats extend it
	 * every half lease.
	 * @return the lease
	 */
	public Duration lease() {
		return this.lease;
	}

	/**
	 * Where a newly created group starts.
	 * @return the start position
	 */
	public StartFrom startFrom() {
		return this.startFrom;
	}

	/**
	 * Decides whether a redelivered entry is handled again, given its attempts (at least
	 * 1) and payload.
	 * @return the retry predicate
	 */
	public BiPredicate<Integer, ? super T> shouldRetry() {
		return this.shouldRetry;
	}

	/**
	 * How many deliveries an entry gets before it is dead-lettered; 0 for no limit.
	 * @return the attempt limit
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Exception types (and their subtypes) that dead-letter an entry on the first
	 * failure.
	 * @return the non-retryable exception types
	 */
	public Set<Class<? extends Throwable>> notRetryable() {
		return this.notRetryable;
	}

	/**
	 * How long a failed entry waits before it is delivered again.
	 * @return the back-off
	 */
	public Backoff backoff() {
		return this.backoff;
	}

	/**
	 * Whether entries that are given up on are copied to the dead-letter stream.
	 * @return whether dead letters are written
	 */
	public boolean deadLetter() {
		return this.deadLetter;
	}

	/**
	 * Whether started, progress, completed and failed events are added to the event
	 * stream.
	 * @return whether events are produced
	 */
	public boolean produceEvents() {
		return this.produceEvents;
	}

	/**
	 * The largest {@code data} value, in bytes, that is decoded; larger entries are
	 * dead-lettered unparsed. 0 for no limit.
	 * @return the payload limit
	 */
	public int maxPayloadBytes() {
		return this.maxPayloadBytes;
	}

	/**
	 * How long stopping waits for running handlers.
	 * @return the shutdown timeout
	 */
	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * How long another consumer of the group must have been idle, holding no pending
	 * entries, before this processor removes it ({@code XGROUP DELCONSUMER}); zero keeps
	 * every consumer.
	 * @return the idle time
	 */
	public Duration removeIdleConsumersAfter() {
		return this.removeIdleConsumersAfter;
	}

	/**
	 * How long one handler call may run before it is interrupted and its attempt fails,
	 * or {@code null} for no limit.
	 * @return the handler timeout
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Whether entries with the same key are handled one at a time, in the order they were
	 * added, across all consumers of the group (see {@link Builder#ordered(boolean)}).
	 * @return whether processing is ordered per key
	 * @since 0.1.0
	 */
	public boolean ordered() {
		return this.ordered;
	}

	/**
	 * The registry that meters are registered in, or {@code null} for none.
	 * @return the meter registry
	 */
	public @Nullable MeterRegistry meterRegistry() {
		return this.meterRegistry;
	}

	/**
	 * The executor that runs handlers, or {@code null} for a pool of
	 * {@link #concurrency()} threads of the processor's own.
	 * @return the executor
	 */
	public @Nullable Executor executor() {
		return this.executor;
	}

	/**
	 * What wraps every handler call, or {@code null} for nothing.
	 * @return the task decorator
	 */
	public @Nullable UnaryOperator<Runnable> taskDecorator() {
		return this.taskDecorator;
	}

	/**
	 * A builder holding a copy of these options.
	 * @return a builder
	 */
	public Builder<T> toBuilder() {
		Builder<T> builder = new Builder<>(this.payloadType);
		builder.group = this.group;
		builder.consumerId = this.consumerId;
		builder.batchSize = this.batchSize;
		builder.concurrency = this.concurrency;
		builder.lease = this.lease;
		builder.startFrom = this.startFrom;
		builder.shouldRetry = this.shouldRetry;
		builder.maxAttempts = this.maxAttempts;
		builder.notRetryable.addAll(this.notRetryable);
		builder.backoff = this.backoff;
		builder.deadLetter = this.deadLetter;
		builder.produceEvents = this.produceEvents;
		builder.maxPayloadBytes = this.maxPayloadBytes;
		builder.shutdownTimeout = this.shutdownTimeout;
		builder.removeIdleConsumersAfter = this.removeIdleConsumersAfter;
		builder.timeout = this.timeout;
		builder.ordered = this.ordered;
		builder.meterRegistry = this.meterRegistry;
		builder.executor = this.executor;
		builder.taskDecorator = this.taskDecorator;
		return builder;
	}

	@Override
	public String toString() {
		return "ProcessOptions[group=" + this.group + ", consumerId=" + this.consumerId + ", batchSize="
				+ this.batchSize + ", concurrency=" + this.concurrency + ", lease=" + this.lease + ", startFrom="
				+ this.startFrom + ", maxAttempts=" + this.maxAttempts + ", backoff=" + this.backoff + ", deadLetter="
				+ this.deadLetter + ", produceEvents=" + this.produceEvents + ", timeout=" + this.timeout + ", ordered="
				+ this.ordered + "]";
	}

	/**
	 * Builds {@link ProcessOptions}, checking each value as it is set.
	 *
	 * @param <T> the payload type
	 */
	public static final class Builder<T> {

		private final Type payloadType;

		private @Nullable String group;

		private @Nullable String consumerId;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private int concurrency = DEFAULT_CONCURRENCY;

		private Duration lease = DEFAULT_LEASE;

		private StartFrom startFrom = StartFrom.LATEST;

		private BiPredicate<Integer, ? super T> shouldRetry = (attempts, data) -> true;

		private int maxAttempts;

		private final Set<Class<? extends Throwable>> notRetryable = new LinkedHashSet<>();

		private Backoff backoff = Backoff.DEFAULT;

		private boolean deadLetter = true;

		private boolean produceEvents;

		private int maxPayloadBytes;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private Duration removeIdleConsumersAfter = DEFAULT_REMOVE_IDLE_CONSUMERS_AFTER;

		private @Nullable Duration timeout;

		private boolean ordered;

		private @Nullable MeterRegistry meterRegistry;

		private @Nullable Executor executor;

		private @Nullable UnaryOperator<Runnable> taskDecorator;

		private Builder(Type payloadType) {
			this.payloadType = Objects.requireNonNull(payloadType, "'payloadType' must not be null");
		}

		/**
		 * Set the consumer group (required). It is created on first use.
		 * @param group the group name
		 * @return this builder
		 */
		public Builder<T> group(String group) {
			this.group = requireText(group, "group");
			return this;
		}

		/**
		 * Set the consumer id; by default a random 21-character id is generated.
		 * @param consumerId the consumer id, or {@code null} to generate one
		 * @return this builder
		 */
		public Builder<T> consumerId(@Nullable String consumerId) {
			this.consumerId = (consumerId != null) ? requireText(consumerId, "consumerId") : null;
			return this;
		}

		/**
		 * Set how many entries one read fetches at most.
		 * @param batchSize the batch size, at least 1
		 * @return this builder
		 */
		public Builder<T> batchSize(int batchSize) {
			this.batchSize = requirePositive(batchSize, "batchSize");
			return this;
		}

		/**
		 * Set how many handlers run at once at most.
		 * @param concurrency the concurrency, at least 1
		 * @return this builder
		 */
		public Builder<T> concurrency(int concurrency) {
			this.concurrency = requirePositive(concurrency, "concurrency");
			return this;
		}

		/**
		 * Set the lease.
		 * @param lease the lease, at least 100 ms
		 * @return this builder
		 */
		public Builder<T> lease(Duration lease) {
			Objects.requireNonNull(lease, "'lease' must not be null");
			if (lease.toMillis() < 100) {
				throw new IllegalArgumentException(
						"'lease' must be at least 100ms, but was " + lease.toMillis() + "ms");
			}
			this.lease = lease;
			return this;
		}

		/**
		 * Set where a newly created group starts.
		 * @param startFrom the start position
		 * @return this builder
		 */
		public Builder<T> startFrom(StartFrom startFrom) {
			this.startFrom = Objects.requireNonNull(startFrom, "'startFrom' must not be null");
			return this;
		}

		/**
		 * Set the predicate that decides whether a redelivered entry is handled again.
		 * @param shouldRetry given the attempts so far (at least 1) and the payload
		 * @return this builder
		 */
		public Builder<T> shouldRetry(BiPredicate<Integer, ? super T> shouldRetry) {
			this.shouldRetry = Objects.requireNonNull(shouldRetry, "'shouldRetry' must not be null");
			return this;
		}

		/**
		 * Set how many deliveries an entry gets before it is dead-lettered.
		 * @param maxAttempts the limit, at least 1, or 0 for none
		 * @return this builder
		 */
		public Builder<T> maxAttempts(int maxAttempts) {
			if (maxAttempts < 0) {
				throw new IllegalArgumentException("'maxAttempts' must not be negative, but was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Add exception types that dead-letter an entry on the first failure.
		 * @param types the exception types (subtypes and causes match too)
		 * @return this builder
		 */
		@SafeVarargs
		@SuppressWarnings("varargs") // the array is only read, by List.of
		public final Builder<T> notRetryable(Class<? extends Throwable>... types) {
			return notRetryable(List.of(types));
		}

		/**
		 * Add exception types that dead-letter an entry on the first failure.
		 * @param types the exception types (subtypes and causes match too)
		 * @return this builder
		 */
		public Builder<T> notRetryable(Iterable<Class<? extends Throwable>> types) {
			for (Class<? extends Throwable> type : types) {
				this.notRetryable.add(Objects.requireNonNull(type, "'notRetryable' must not contain null"));
			}
			return this;
		}

		/**
		 * Set the back-off after a failure.
		 * @param backoff the back-off
		 * @return this builder
		 */
		public Builder<T> backoff(Backoff backoff) {
			this.backoff = Objects.requireNonNull(backoff, "'backoff' must not be null");
			return this;
		}

		Backoff currentBackoff() {
			return this.backoff;
		}

		/**
		 * Set whether given-up entries are copied to the dead-letter stream.
		 * @param deadLetter whether to write dead letters
		 * @return this builder
		 */
		public Builder<T> deadLetter(boolean deadLetter) {
			this.deadLetter = deadLetter;
			return this;
		}

		/**
		 * Set whether processing events are added to the event stream.
		 * @param produceEvents whether to produce events
		 * @return this builder
		 */
		public Builder<T> produceEvents(boolean produceEvents) {
			this.produceEvents = produceEvents;
			return this;
		}

		/**
		 * Set the largest {@code data} value that is decoded.
		 * @param maxPayloadBytes the limit in bytes, or 0 for none
		 * @return this builder
		 */
		public Builder<T> maxPayloadBytes(int maxPayloadBytes) {
			if (maxPayloadBytes < 0) {
				throw new IllegalArgumentException("'maxPayloadBytes' must not be negative");
			}
			this.maxPayloadBytes = maxPayloadBytes;
			return this;
		}

		/**
		 * Set how long stopping waits for running handlers.
		 * @param shutdownTimeout the timeout
		 * @return this builder
		 */
		public Builder<T> shutdownTimeout(Duration shutdownTimeout) {
			Objects.requireNonNull(shutdownTimeout, "'shutdownTimeout' must not be null");
			if (shutdownTimeout.isNegative()) {
				throw new IllegalArgumentException("'shutdownTimeout' must not be negative");
			}
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * Set how long another consumer of the group must have been idle, holding no
		 * pending entries, before it is removed. Removing such a consumer loses nothing:
		 * a live one that reads again is created anew by Redis.
		 * @param idle the idle time, or zero to keep every consumer
		 * @return this builder
		 */
		public Builder<T> removeIdleConsumersAfter(Duration idle) {
			Objects.requireNonNull(idle, "'removeIdleConsumersAfter' must not be null");
			if (idle.isNegative()) {
				throw new IllegalArgumentException("'removeIdleConsumersAfter' must not be negative");
			}
			this.removeIdleConsumersAfter = idle;
			return this;
		}

		/**
		 * Set how long one handler call may run. When it runs longer, its thread is
		 * interrupted, {@link QueueItem#cancelled()} turns {@code true}, its lease is no
		 * longer extended and the attempt fails with a {@link HandlerTimeoutException}
		 * (retried, backed off or dead-lettered like any failure).
		 * @param timeout the timeout, or {@code null} or zero for no limit
		 * @return this builder
		 */
		public Builder<T> timeout(@Nullable Duration timeout) {
			if (timeout != null && timeout.isNegative()) {
				throw new IllegalArgumentException("'timeout' must not be negative, but was " + timeout);
			}
			this.timeout = (timeout != null && !timeout.isZero()) ? timeout : null;
			return this;
		}

		/**
		 * Set whether entries with the same key are handled one at a time, in the order
		 * they were added, across all consumers of the group; entries of different keys
		 * still run at once. Each partition of the logical stream is then consumed by one
		 * consumer at a time, which holds it with a lease and hands it over when
		 * consumers join or leave. Needs a partition key for the stream
		 * ({@link RedisEvents.Builder#partitionKey(String, String)}) and a handler that
		 * takes one entry at a time; processing fails to start otherwise.
		 * @param ordered whether to process in order per key, {@code false} by default
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder<T> ordered(boolean ordered) {
			this.ordered = ordered;
			return this;
		}

		/**
		 * Set the registry that meters go to.
		 * @param meterRegistry the registry, or {@code null} for no meters
		 * @return this builder
		 */
		public Builder<T> meterRegistry(@Nullable MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * Set the executor that runs handlers, such as one on virtual threads. The
		 * processor never shuts it down; {@link #concurrency(int)} still limits how many
		 * handlers run at once, whatever the executor allows. Without one, each processor
		 * runs handlers on a pool of {@code concurrency} daemon threads of its own, named
		 * {@code redis-events-<stream>-<group>-worker-<n>}.
		 * @param executor the executor, or {@code null} for a pool of the processor's own
		 * @return this builder
		 */
		public Builder<T> executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Set what wraps every handler call, on whatever thread it runs: to propagate a
		 * context or set the logging MDC. It is called with the task when the entry is
		 * handed to the handler; the task it returns is run. Spring's
		 * {@code TaskDecorator::decorate} fits.
		 * @param taskDecorator the decorator, or {@code null} for none
		 * @return this builder
		 */
		public Builder<T> taskDecorator(@Nullable UnaryOperator<Runnable> taskDecorator) {
			this.taskDecorator = taskDecorator;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws NullPointerException if no group was set
		 */
		public ProcessOptions<T> build() {
			return new ProcessOptions<>(this);
		}

		private static String requireText(String value, String name) {
			Objects.requireNonNull(value, () -> "'" + name + "' must not be null");
			if (value.isBlank()) {
				throw new IllegalArgumentException("'" + name + "' must not be blank");
			}
			return value;
		}

		private static int requirePositive(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException("'" + name + "' must be greater than zero, but was " + value);
			}
			return value;
		}

	}

}
