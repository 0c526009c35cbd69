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

package io.github.processredisevents.core.metrics;

/**
 * Names of the meters that every stream processor registers, as in the shared wire format
 * (Micrometer form: {@code redis.stream.messages.processed} is scraped as
 * {@code redis_stream_messages_processed_total}), tagged {@code stream_name} and
 * {@code consumer_group}, plus {@code consumer_id} on the counters. Use them to find the
 * library's meters in a {@link io.micrometer.core.instrument.MeterRegistry}.
 *
 * @since 0.1.0
 */
public final class MeterNames {

	/** Handler outcomes, tagged {@code status} = {@code success} or {@code error}. */
	public static final String PROCESSED = "redis.stream.messages.processed";

	/** Handler time per entry. */
	public static final String PROCESSING_DURATION = "redis.stream.processing.duration";

	/** Entries handed out per read. */
	public static final String BATCH_SIZE = "redis.stream.batch.size";

	/** Pending entries of the group. */
	public static final String PENDING = "redis.stream.pending.messages";

	/** Entries of the stream not yet delivered to the group. */
	public static final String LAG = "redis.stream.consumer.lag";

	/** Length of the dead-letter stream. */
	public static final String DEAD_LETTER_LENGTH = "redis.stream.dead.letter.length";

	/**
	 * How long an entry waited between being added (its id's timestamp) and its handler's
	 * start; scraped as {@code redis_stream_message_wait_seconds}.
	 */
	public static final String WAIT = "redis.stream.message.wait";

	/** Entries fetched and not yet finished by this consumer. */
	public static final String IN_FLIGHT = "redis.stream.messages.in.flight";

	/** Failed entries released for another delivery. */
	public static final String RETRIED = "redis.stream.messages.retried";

	/** Entries given up on. */
	public static final String DEAD_LETTERED = "redis.stream.messages.dead.lettered";

	private MeterNames() {
	}

}
