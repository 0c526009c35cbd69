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

/**
 * One stream entry handed to a handler.
 *
 * @param <T> the payload type
 * @since 0.1.0
 */
public interface QueueItem<T> {

	/**
	 * The stream entry id, such as {@code 1732712345678-0}.
	 * @return the entry id
	 */
	String id();

	/**
	 * The decoded payload (after the batch mapper, when one is configured).
	 * @return the payload
	 */
	T data();

	/**
	 * How many times the entry was delivered before this delivery: 0 on the first
	 * delivery, 1 on the first retry.
	 * @return the number of earlier deliveries
	 */
	int attempts();

	/**
	 * Report progress; adds a {@code progress} event when the stream produces events.
	 * @param completionRatio how much of the work is done, in {@code [0, 1]}
	 * @param status a short human-readable status
	 * @throws IllegalArgumentException if the ratio lies outside {@code [0, 1]}
	 */
	void reportProgress(double completionRatio, String status);

	/**
	 * Whether this consumer lost the entry to another consumer that reclaimed it (for
	 * example after this process was paused longer than the lease). A handler that sees
	 * {@code true} may stop early: its outcome is no longer acknowledged.
	 * @return whether the lease was lost
	 */
	boolean leaseLost();

	/**
	 * Whether the handler should stop: its timeout passed (its thread was interrupted
	 * too, and the attempt has already failed) or its lease was lost. Long loops that do
	 * not block interruptibly should check it and return or throw.
	 * @return whether the handler is asked to stop
	 * @since 0.1.0
	 */
	default boolean cancelled() {
		return leaseLost();
	}

}
