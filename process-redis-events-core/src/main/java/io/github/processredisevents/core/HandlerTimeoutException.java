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

/**
 * The failure of an attempt whose handler ran longer than its
 * {@link ProcessOptions#timeout() timeout}. It is retried, backed off and dead-lettered
 * like any failure; list it in {@code notRetryable} to dead-letter at the first timeout.
 *
 * @since 0.1.0
 */
public class HandlerTimeoutException extends RuntimeException {

	private final transient Duration timeout;

	/**
	 * Create an exception.
	 * @param entryId the id of the entry whose handler timed out
	 * @param timeout the timeout that passed
	 */
	public HandlerTimeoutException(String entryId, Duration timeout) {
		super("Handler of entry " + entryId + " ran longer than its timeout of " + format(timeout)
				+ " and was interrupted");
		this.timeout = timeout;
	}

	/**
	 * The timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	private static String format(Duration timeout) {
		long millis = timeout.toMillis();
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
