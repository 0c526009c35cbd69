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
 * Thrown by a {@link BatchHandler} to say which entry of its batch failed: the entries
 * before {@code index} are acknowledged; the entry at {@code index} fails its attempt
 * with {@code cause} (back-off, {@code maxAttempts}, {@code notRetryable} and dead
 * letters apply as for a single entry); the entries after it are handed back unhandled,
 * to be delivered again later with their attempts unchanged, so that they are never
 * dead-lettered because of this failure.
 *
 * @since 0.1.0
 */
public class BatchFailedException extends RuntimeException {

	private final int index;

	/**
	 * Create an exception.
	 * @param index the index, in the batch, of the entry that failed
	 * @param cause why it failed
	 */
	public BatchFailedException(int index, Throwable cause) {
		super("Entry " + index + " of the batch failed"
				+ ((cause != null && cause.getMessage() != null) ? ": " + cause.getMessage() : ""), cause);
		this.index = index;
	}

	/**
	 * The index, in the batch, of the entry that failed.
	 * @return the index
	 */
	public int getIndex() {
		return this.index;
	}

}
