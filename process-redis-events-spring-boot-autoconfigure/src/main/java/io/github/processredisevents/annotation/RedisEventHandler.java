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

package io.github.processredisevents.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a method of a Spring bean as the handler of a Redis stream in a consumer group.
 * The method takes the payload ({@code void on(Order order)}), a
 * {@code QueueItem<Order>}, or both (payload first); the payload type comes from the
 * method signature and is read from the entry's {@code data} JSON. Returning normally
 * acknowledges the entry; throwing fails the attempt, which is retried or dead-lettered.
 * A method whose only parameter is {@code List<QueueItem<Order>>} is a batch handler: it
 * receives the entries of one read in one call, and a
 * {@link io.github.processredisevents.core.BatchFailedException} says which entry failed.
 *
 * <p>
 * Every attribute is a String that may hold {@code ${...}} placeholders and
 * {@code #{...}} expressions. An empty attribute is unset: the value then comes from
 * {@code redis-events.defaults.*} or the built-in default, and
 * {@code redis-events.handlers.<id>.*} overrides it.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(RedisEventHandlerReflectiveProcessor.class)
public @interface RedisEventHandler {

	/**
	 * The handler id, used by the registry, the Actuator endpoint and
	 * {@code redis-events.handlers.<id>.*}; by default {@code <stream>-<group>}.
	 * @return the handler id
	 */
	String id() default "";

	/**
	 * The stream name, without key prefix (required).
	 * @return the stream name
	 */
	String stream();

	/**
	 * The consumer group, created on first use (required).
	 * @return the group name
	 */
	String group();

	/**
	 * The consumer's name in its group, kept across restarts; by default a random id per
	 * start. Use a placeholder that differs per process, such as {@code ${HOSTNAME}}: two
	 * live processes must not share one.
	 * @return the consumer id
	 */
	String consumerId() default "";

	/**
	 * How long other consumers of the group must have been idle, holding no pending
	 * entries, before they are removed: a duration such as {@code 1h}; {@code 0} keeps
	 * them.
	 * @return the idle time
	 */
	String removeIdleConsumersAfter() default "";

	/**
	 * How many entries are handled at once.
	 * @return a positive integer
	 */
	String concurrency() default "";

	/**
	 * How many entries one read fetches at most.
	 * @return a positive integer
	 */
	String batchSize() default "";

	/**
	 * How long this consumer owns an entry before others may reclaim it: a duration such
	 * as {@code 30s}, or milliseconds.
	 * @return the lease
	 */
	String lease() default "";

	/**
	 * Where a newly created group starts: {@code oldest} or {@code latest}.
	 * @return the start position
	 */
	String startFrom() default "";

	/**
	 * Total deliveries before the entry is dead-lettered; empty or {@code 0} retries
	 * forever.
	 * @return the attempt limit
	 */
	String maxAttempts() default "";

	/**
	 * Whether given-up entries are copied to the dead-letter stream: {@code true} or
	 * {@code false}.
	 * @return whether to dead-letter
	 */
	String deadLetter() default "";

	/**
	 * Whether started, progress, completed and failed events are written to the event
	 * stream: {@code true} or {@code false}.
	 * @return whether to produce events
	 */
	String produceEvents() default "";

	/**
	 * How long one call of the method may run: a duration such as {@code 30s} or
	 * {@code 2m}, or milliseconds; empty or {@code 0} for no limit. When it runs longer,
	 * its thread is interrupted, {@code QueueItem.cancelled()} turns {@code true}, and
	 * the attempt fails (retried, backed off or dead-lettered like any failure).
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Whether entries with the same key are handled one at a time, in the order they were
	 * added, across all consumer processes: {@code true} or {@code false}. The key is
	 * read from the payload at the stream's
	 * {@code redis-events.streams.<name>.partition-key}, which must be set; a batch
	 * handler cannot be ordered.
	 * @return whether to handle entries in order per key
	 */
	String ordered() default "";

	/**
	 * The name of a {@code java.util.function.BiPredicate<Integer, T>} bean that, given
	 * the attempts so far and the payload, says whether a redelivered entry is handled
	 * again.
	 * @return the bean name
	 */
	String shouldRetry() default "";

	/**
	 * The name of a {@code java.util.function.Function<List<T>, List<R>>} bean that maps
	 * each fetched batch before its entries are handled; the method then takes {@code R},
	 * and {@code T} is read from the JSON.
	 * @return the bean name
	 */
	String mapper() default "";

	/**
	 * Whether the handler starts with the application context: {@code true} (default) or
	 * {@code false}; a stopped handler can be started through the registry.
	 * @return whether to start automatically
	 */
	String autoStartup() default "";

	/**
	 * Exception types (and their subtypes) that dead-letter an entry on its first
	 * failure.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] notRetryable() default {};

}
