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
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * One setting of {@link ProcessOptions} that a handler's configuration may override: its
 * name, its value type and how it is set on a builder. The Spring Boot starter reads the
 * {@code @RedisEventHandler} attribute of the same name and the
 * {@code redis-events.defaults|handlers.<id>} property of the same name in kebab case
 * ({@code batchSize} is {@code batch-size}).
 *
 * <p>
 * Adding an overridable setting means adding it to {@link ProcessOptions}, adding a
 * constant here and to {@link #values()}, then an annotation attribute and a property of
 * that name.
 *
 * @param <V> the value type
 * @since 0.1.0
 * @see ProcessOverrides
 */
public final class ProcessOption<V> {

	/**
	 * The consumer's name in its group; by default a random id per start. Two live
	 * processes must not share one.
	 */
	public static final ProcessOption<String> CONSUMER_ID = new ProcessOption<>("consumerId", String.class,
			(builder, value) -> builder.consumerId(value));

	/**
	 * How long other consumers of the group must have been idle, holding no pending
	 * entries, before they are removed; zero keeps them.
	 */
	public static final ProcessOption<Duration> REMOVE_IDLE_CONSUMERS_AFTER = new ProcessOption<>(
			"removeIdleConsumersAfter", Duration.class, (builder, value) -> builder.removeIdleConsumersAfter(value));

	/** How many entries one read fetches at most. */
	public static final ProcessOption<Integer> BATCH_SIZE = new ProcessOption<>("batchSize", Integer.class,
			(builder, value) -> builder.batchSize(value));

	/** How many handlers run at once at most. */
	public static final ProcessOption<Integer> CONCURRENCY = new ProcessOption<>("concurrency", Integer.class,
			(builder, value) -> builder.concurrency(value));

	/** How long a consumer owns an entry before others may reclaim it. */
	public static final ProcessOption<Duration> LEASE = new ProcessOption<>("lease", Duration.class,
			(builder, value) -> builder.lease(value));

	/** Where a newly created consumer group starts. */
	public static final ProcessOption<StartFrom> START_FROM = new ProcessOption<>("startFrom", StartFrom.class,
			(builder, value) -> builder.startFrom(value));

	/** Total deliveries before an entry is dead-lettered; 0 for no limit. */
	public static final ProcessOption<Integer> MAX_ATTEMPTS = new ProcessOption<>("maxAttempts", Integer.class,
			(builder, value) -> builder.maxAttempts(value));

	/** Whether given-up entries are copied to the dead-letter stream. */
	public static final ProcessOption<Boolean> DEAD_LETTER = new ProcessOption<>("deadLetter", Boolean.class,
			(builder, value) -> builder.deadLetter(value));

	/** Whether processing events are added to the event stream. */
	public static final ProcessOption<Boolean> PRODUCE_EVENTS = new ProcessOption<>("produceEvents", Boolean.class,
			(builder, value) -> builder.produceEvents(value));

	/** How long one handler call may run; zero for no limit. */
	public static final ProcessOption<Duration> TIMEOUT = new ProcessOption<>("timeout", Duration.class,
			(builder, value) -> builder.timeout(value));

	/**
	 * The back-off delay after the first failure; a longer delay than the current maximum
	 * raises the maximum to it.
	 */
	public static final ProcessOption<Duration> BACKOFF_INITIAL = new ProcessOption<>("backoff.initial", Duration.class,
			(builder, value) -> {
				Backoff current = builder.currentBackoff();
				Duration max = (current.max().compareTo(value) < 0) ? value : current.max();
				builder.backoff(new Backoff(value, current.multiplier(), max));
			});

	/** The factor applied to the back-off delay for each further failure. */
	public static final ProcessOption<Double> BACKOFF_MULTIPLIER = new ProcessOption<>("backoff.multiplier",
			Double.class, (builder, value) -> {
				Backoff current = builder.currentBackoff();
				builder.backoff(new Backoff(current.initial(), value, current.max()));
			});

	/** The longest back-off delay. */
	public static final ProcessOption<Duration> BACKOFF_MAX = new ProcessOption<>("backoff.max", Duration.class,
			(builder, value) -> {
				Backoff current = builder.currentBackoff();
				builder.backoff(new Backoff(current.initial(), current.multiplier(), value));
			});

	/**
	 * Whether entries with the same key are handled one at a time, in the order they were
	 * added.
	 * @since 0.1.0
	 */
	public static final ProcessOption<Boolean> ORDERED = new ProcessOption<>("ordered", Boolean.class,
			(builder, value) -> builder.ordered(value));

	/**
	 * Decides whether a redelivered entry is handled again, given its attempts and
	 * payload.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static final ProcessOption<BiPredicate<Integer, Object>> SHOULD_RETRY = new ProcessOption<>("shouldRetry",
			(Class) BiPredicate.class,
			(builder, value) -> ((ProcessOptions.Builder<Object>) builder).shouldRetry((BiPredicate) value));

	/**
	 * Exception types that dead-letter an entry on the first failure; added, not
	 * replaced.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static final ProcessOption<List<Class<? extends Throwable>>> NOT_RETRYABLE = new ProcessOption<>(
			"notRetryable", (Class) List.class, (builder, value) -> builder.notRetryable((List) value));

	private static final List<ProcessOption<?>> VALUES = List.of(CONSUMER_ID, REMOVE_IDLE_CONSUMERS_AFTER, BATCH_SIZE,
			CONCURRENCY, LEASE, START_FROM, MAX_ATTEMPTS, DEAD_LETTER, PRODUCE_EVENTS, TIMEOUT, BACKOFF_INITIAL,
			BACKOFF_MULTIPLIER, BACKOFF_MAX, ORDERED, SHOULD_RETRY, NOT_RETRYABLE);

	private final String name;

	private final Class<V> type;

	private final BiConsumer<ProcessOptions.Builder<?>, V> setter;

	private ProcessOption(String name, Class<V> type, BiConsumer<ProcessOptions.Builder<?>, V> setter) {
		this.name = name;
		this.type = type;
		this.setter = setter;
	}

	/**
	 * Every overridable option, in the order they are applied.
	 * @return the options
	 */
	public static List<ProcessOption<?>> values() {
		return VALUES;
	}

	/**
	 * The option's name in camel case, with a dot before the name of a nested part
	 * ({@code backoff.initial}).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The type of the option's values.
	 * @return the value type
	 */
	public Class<V> type() {
		return this.type;
	}

	/**
	 * Set a value on a builder.
	 * @param builder the builder
	 * @param value the value
	 * @throws InvalidOptionException if the builder refuses the value
	 */
	void applyTo(ProcessOptions.Builder<?> builder, Object value) {
		try {
			this.setter.accept(builder, this.type.cast(value));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOptionException(this, value, Objects.requireNonNullElse(ex.getMessage(), "invalid"), ex);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
