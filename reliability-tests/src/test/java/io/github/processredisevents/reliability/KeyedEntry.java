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
 * The payload of the ordered scenarios: a key (the partition key, at JSON Pointer
 * {@code /key}) and the entry's number among the entries of its key, counted from 0 in
 * the order they were added.
 *
 * @param key the key
 * @param seq the sequence number within the key
 */
public record KeyedEntry(String key, long seq) {

	/** The JSON Pointer of the key in the payload. */
	public static final String KEY_POINTER = "/key";

	/**
	 * The id the ledger knows this entry by: {@code key/seq}. Redis ids are unique only
	 * within one partition, and a failover can give an entry a second Redis id (a retried
	 * add), so the ledger uses this one.
	 * @return the ledger id
	 */
	public String id() {
		return this.key + "/" + this.seq;
	}

	/**
	 * Read a ledger id.
	 * @param id an id made by {@link #id()}
	 * @return the entry
	 */
	public static KeyedEntry parseId(String id) {
		int slash = id.lastIndexOf('/');
		if (slash <= 0) {
			throw new IllegalArgumentException("Not a keyed ledger id: '" + id + "'");
		}
		return new KeyedEntry(id.substring(0, slash), Long.parseLong(id.substring(slash + 1)));
	}

}
