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

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the key of an entry of one logical stream sits in its payload: a JSON Pointer,
 * since the wire format carries nothing but {@code data}. The key is the text of the
 * scalar (string, number or boolean) at the pointer; anything else means the entry has no
 * key.
 */
final class PartitionKey {

	private final String stream;

	private final String pointerText;

	private final JsonPointer pointer;

	private PartitionKey(String stream, String pointerText, JsonPointer pointer) {
		this.stream = stream;
		this.pointerText = pointerText;
		this.pointer = pointer;
	}

	/**
	 * Parse a partition key pointer.
	 * @param stream the logical stream's name, for messages
	 * @param jsonPointer the pointer, such as {@code /customerId}
	 * @return the partition key
	 * @throws IllegalArgumentException if it is not a JSON Pointer starting with
	 * {@code /}
	 */
	static PartitionKey of(String stream, String jsonPointer) {
		Objects.requireNonNull(jsonPointer, () -> "'partitionKey' of stream '" + stream + "' must not be null");
		if (!jsonPointer.startsWith("/")) {
			throw new IllegalArgumentException("'partitionKey' of stream '" + stream
					+ "' must be a JSON Pointer starting with '/', such as /customerId, but was '" + jsonPointer + "'");
		}
		try {
			return new PartitionKey(stream, jsonPointer, JsonPointer.compile(jsonPointer));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'partitionKey' of stream '" + stream
					+ "' is not a valid JSON Pointer: '" + jsonPointer + "' (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * The pointer as configured.
	 * @return the pointer text
	 */
	String pointer() {
		return this.pointerText;
	}

	/**
	 * The key of a payload given as its JSON text.
	 * @param mapper the mapper to read it with
	 * @param data the {@code data} field
	 * @return the key, or {@code null} when the data is not JSON or holds no scalar at
	 * the pointer
	 */
	@Nullable String keyOf(JsonMapper mapper, @Nullable String data) {
		if (data == null) {
			return null;
		}
		try {
			return keyOf(mapper.readTree(data));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The key of a payload.
	 * @param payload the payload as a tree
	 * @return the text of the scalar at the pointer, or {@code null} when there is none
	 */
	@Nullable String keyOf(@Nullable JsonNode payload) {
		if (payload == null) {
			return null;
		}
		JsonNode value = payload.at(this.pointer);
		if (value.isString() || value.isNumber() || value.isBoolean()) {
			return value.asString();
		}
		return null;
	}

	/**
	 * The key of a payload that a producer adds, which must have one.
	 * @param mapper the mapper to read it with
	 * @param data the payload's JSON
	 * @param payload the payload, for its type in the message
	 * @return the key
	 * @throws IllegalArgumentException if there is no scalar at the pointer
	 */
	String requireKey(JsonMapper mapper, String data, @Nullable Object payload) {
		String key = keyOf(mapper, data);
		if (key == null) {
			throw new IllegalArgumentException(
					"Stream '" + this.stream + "' routes entries by the key at JSON Pointer '" + this.pointerText
							+ "', but a payload of type " + ((payload != null) ? payload.getClass().getName() : "null")
							+ " has no string, number or boolean there");
		}
		return key;
	}

	@Override
	public String toString() {
		return this.pointerText;
	}

}
