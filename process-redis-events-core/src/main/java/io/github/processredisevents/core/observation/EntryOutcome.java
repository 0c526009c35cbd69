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

package io.github.processredisevents.core.observation;

/**
 * What became of one delivery of an entry.
 *
 * @since 0.1.0
 */
public enum EntryOutcome {

	/** The handler returned normally and the entry was acknowledged. */
	SUCCESS("success"),

	/** The entry stays pending and is delivered again after a back-off. */
	RETRY("retry"),

	/** The entry was given up on: dead-lettered (or only acknowledged). */
	DEAD_LETTER("dead_letter"),

	/** Another consumer reclaimed the entry meanwhile; its outcome here is dropped. */
	LEASE_LOST("lease_lost");

	private final String value;

	EntryOutcome(String value) {
		this.value = value;
	}

	/**
	 * The value of the {@code outcome} key.
	 * @return the value, such as {@code dead_letter}
	 */
	public String value() {
		return this.value;
	}

}
