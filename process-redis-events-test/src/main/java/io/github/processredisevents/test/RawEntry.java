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

package io.github.processredisevents.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One stream entry as Redis holds it: its id and its fields, not decoded.
 *
 * @param id the entry id, such as {@code 1732712345678-0}
 * @param fields the fields in the order Redis returned them
 * @since 0.1.0
 */
public record RawEntry(String id, Map<String, String> fields) {

	/**
	 * The {@code data} field: the payload as JSON (for a dead letter, the payload with
	 * its {@code _dlqMetadata}; for an event, the event).
	 * @return the JSON, or {@code null} when the entry has no {@code data} field
	 */
	public @Nullable String data() {
		return this.fields.get("data");
	}

}
