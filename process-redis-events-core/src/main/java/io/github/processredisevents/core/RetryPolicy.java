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
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The retry decision, in one place and free of I/O: whether a redelivered entry is
 * handled again, and, after a failed attempt, whether the entry is retried after a delay
 * or dead-lettered, and why.
 */
final class RetryPolicy {

	static final String RETRY_LIMIT_ERROR = "Exceeded retry limit";

	private final int maxAttempts;

	private final Set<Class<? extends Throwable>> notRetryable;

	private final Backoff backoff;

	RetryPolicy(int maxAttempts, Set<Class<? extends Throwable>> notRetryable, Backoff backoff) {
		this.maxAttempts = maxAttempts;
		this.notRetryable = notRetryable;
		this.backoff = backoff;
	}

	static RetryPolicy of(ProcessOptions<?> options) {
		return new RetryPolicy(options.maxAttempts(), options.notRetryable(), options.backoff());
	}

	/**
	 * Whether an entry delivered {@code attempts} times before is handed to its handler.
	 * @param attempts the earlier deliveries
	 * @param shouldRetry the user's predicate, asked only for a redelivery within the
	 * attempt limit
	 */
	boolean mayHandle(int attempts, BooleanSupplier shouldRetry) {
		if (attempts == 0) {
			return true;
		}
		if (this.maxAttempts > 0 && attempts >= this.maxAttempts) {
			return false;
		}
		return shouldRetry.getAsBoolean();
	}

	/**
	 * What happens after an attempt failed.
	 * @param attempts the earlier deliveries of the entry (0 on its first)
	 * @param failure why the attempt failed
	 */
	Decision afterFailure(int attempts, Throwable failure) {
		int deliveries = attempts + 1;
		if (isNotRetryable(failure)) {
			return new DeadLetter(null);
		}
		if (this.maxAttempts > 0 && deliveries >= this.maxAttempts) {
			return new DeadLetter(RETRY_LIMIT_ERROR);
		}
		return new Retry(this.backoff.delayAfter(deliveries));
	}

	private boolean isNotRetryable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> type : this.notRetryable) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * The outcome of a failed attempt.
	 */
	sealed interface Decision permits Retry, DeadLetter {

	}

	/**
	 * Deliver the entry again once {@code delay} has passed.
	 */
	record Retry(Duration delay) implements Decision {

	}

	/**
	 * Give up on the entry.
	 *
	 * @param limitReached {@link #RETRY_LIMIT_ERROR} when the attempt limit is why (it is
	 * added as a second {@code failed} event), {@code null} for a non-retryable failure
	 */
	record DeadLetter(@org.jspecify.annotations.Nullable String limitReached) implements Decision {

	}

}
