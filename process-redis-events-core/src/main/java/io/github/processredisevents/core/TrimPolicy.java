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
import java.util.Objects;

import redis.clients.jedis.params.XAddParams;

/**
 * How a stream is trimmed when entries are added: approximately ({@code ~}), so that
 * Redis trims whole macro nodes cheaply.
 *
 * @since 0.1.0
 */
public abstract sealed class TrimPolicy {

	private TrimPolicy() {
	}

	/**
	 * Keep about the newest {@code maxLength} entries ({@code MAXLEN ~}).
	 * @param maxLength how many entries to keep, at least 1
	 * @return the policy
	 */
	public static TrimPolicy maxLength(long maxLength) {
		if (maxLength < 1) {
			throw new IllegalArgumentException("'maxLength' must be greater than zero");
		}
		return new MaxLength(maxLength);
	}

	/**
	 * Keep about the entries added within {@code retention} ({@code MINID ~}, computed
	 * from the entry ids' millisecond part).
	 * @param retention how long entries are kept
	 * @return the policy
	 */
	public static TrimPolicy maxAge(Duration retention) {
		return maxAge(retention, Clock.systemUTC());
	}

	static TrimPolicy maxAge(Duration retention, Clock clock) {
		Objects.requireNonNull(retention, "'retention' must not be null");
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("'retention' must be positive");
		}
		return new MaxAge(retention, clock);
	}

	abstract void applyTo(XAddParams params);

	static final class MaxLength extends TrimPolicy {

		private final long maxLength;

		MaxLength(long maxLength) {
			this.maxLength = maxLength;
		}

		@Override
		void applyTo(XAddParams params) {
			params.maxLen(this.maxLength).approximateTrimming();
		}

		@Override
		public String toString() {
			return "MAXLEN ~ " + this.maxLength;
		}

	}

	static final class MaxAge extends TrimPolicy {

		private final Duration retention;

		private final Clock clock;

		MaxAge(Duration retention, Clock clock) {
			this.retention = retention;
			this.clock = clock;
		}

		@Override
		void applyTo(XAddParams params) {
			long minMillis = Math.max(0, this.clock.millis() - this.retention.toMillis());
			params.minId(minMillis + "-0").approximateTrimming();
		}

		@Override
		public String toString() {
			return "MINID ~ now-" + this.retention;
		}

	}

}
