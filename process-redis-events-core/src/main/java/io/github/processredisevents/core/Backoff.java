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
import java.util.Objects;

/**
 * An exponential back-off: how long a failed entry waits before it may be delivered
 * again.
 *
 * @param initial the delay after the first failure
 * @param multiplier the factor applied for each further failure
 * @param max the longest delay
 * @since 0.1.0
 */
public record Backoff(Duration initial, double multiplier, Duration max) {

	/**
	 * The default: 1 s, doubling, at most 30 s.
	 */
	public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

	/**
	 * Create a back-off, checking its values.
	 * @param initial the delay after the first failure
	 * @param multiplier the factor applied for each further failure
	 * @param max the longest delay
	 */
	public Backoff {
		Objects.requireNonNull(initial, "'initial' must not be null");
		Objects.requireNonNull(max, "'max' must not be null");
		if (initial.isNegative()) {
			throw new IllegalArgumentException("'initial' must not be negative");
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("'multiplier' must be at least 1");
		}
		if (max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("'max' must not be less than 'initial'");
		}
	}

	/**
	 * A fixed delay.
	 * @param delay the delay after every failure
	 * @return the back-off
	 */
	public static Backoff fixed(Duration delay) {
		return new Backoff(delay, 1.0, delay);
	}

	/**
	 * The delay after a failed delivery.
	 * @param failures how many deliveries have failed so far, at least 1
	 * @return the delay
	 */
	public Duration delayAfter(int failures) {
		double millis = this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, failures - 1));
		return (millis >= this.max.toMillis()) ? this.max : Duration.ofMillis((long) millis);
	}

}
