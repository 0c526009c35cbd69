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

package io.github.processredisevents.reliability;

/**
 * One line of the ledger.
 *
 * @param kind what happened
 * @param id the entry id
 * @param consumer the consumer id ({@code -} for the producer)
 * @param attempt the attempt
 * @param millis when, in milliseconds since the epoch
 */
public record LedgerRecord(Kind kind, String id, String consumer, int attempt, long millis) {

	static LedgerRecord parse(String line) {
		String[] parts = line.split(" ");
		return new LedgerRecord(Kind.valueOf(parts[0]), parts[1], parts[2], Integer.parseInt(parts[3]),
				Long.parseLong(parts[4]));
	}

	/**
	 * What a ledger line records.
	 */
	public enum Kind {

		/** A producer added the entry. */
		ADDED,
		/** A handler started on it. */
		STARTED,
		/** A handler returned normally. */
		DONE,
		/** A handler gave up because its lease was lost. */
		ABANDONED

	}

}
