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

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the JSON of the shared wire format: payloads, dead letters and events.
 */
final class WireCodec {

	static final String DATA_FIELD = "data";

	static final String DLQ_METADATA = "_dlqMetadata";

	static final String DLQ_PAYLOAD = "_dlqPayload";

	private final JsonMapper jsonMapper;

	WireCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	String encode(@Nullable Object payload) {
		if (payload instanceof JsonNode node) {
			return node.toString();
		}
		return this.jsonMapper.writeValueAsString(payload);
	}

	JavaType javaType(java.lang.reflect.Type type) {
		return this.jsonMapper.getTypeFactory().constructType(type);
	}

	/**
	 * Decode an entry's {@code data}.
	 * @throws UndecodableEntryException if there is no data or it does not decode
	 */
	<T> T decode(@Nullable String data, JavaType type) {
		if (data == null) {
			throw new UndecodableEntryException("Entry has no 'data' field");
		}
		try {
			T value = this.jsonMapper.readValue(data, type);
			if (value == null && !"null".equals(data.strip())) {
				throw new UndecodableEntryException("Entry 'data' decoded to null");
			}
			return value;
		}
		catch (DatabindException ex) {
			// the JSON itself was read; its shape does not fit the type
			throw new UndecodableEntryException(
					"Entry 'data' does not match type " + type.toCanonical() + ": " + ex.getOriginalMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new UndecodableEntryException(
					"Entry 'data' is not valid JSON for " + type.toCanonical() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The dead-letter {@code data}: the original JSON object with {@code _dlqMetadata}
	 * added. A payload that is not a JSON object (a string, number, array, or text that
	 * is not JSON at all) is kept under {@code _dlqPayload}, and the metadata says
	 * {@code "payloadWrapped":true}.
	 */
	String deadLetter(Map<String, String> fields, DeadLetterMetadata metadata) {
		String data = fields.get(DATA_FIELD);
		ObjectNode letter;
		ObjectNode meta = this.jsonMapper.createObjectNode();
		meta.put("originalId", metadata.originalId());
		meta.put("attempts", metadata.attempts());
		meta.put("consumerGroup", metadata.consumerGroup());
		meta.put("consumerId", metadata.consumerId());
		meta.put("timestamp", metadata.timestamp());
		if (metadata.error() != null) {
			meta.put("error", metadata.error());
		}
		if (metadata.errorType() != null) {
			meta.put("errorType", metadata.errorType());
		}
		JsonNode original = parseOrNull(data);
		if (original instanceof ObjectNode object) {
			letter = object;
			letter.remove(DLQ_METADATA);
		}
		else {
			letter = this.jsonMapper.createObjectNode();
			meta.put("payloadWrapped", true);
			if (original != null) {
				letter.set(DLQ_PAYLOAD, original);
			}
			else if (data != null) {
				meta.put("payloadRaw", true);
				letter.put(DLQ_PAYLOAD, data);
			}
			else {
				meta.put("payloadFields", true);
				letter.set(DLQ_PAYLOAD, this.jsonMapper.valueToTree(fields));
			}
		}
		letter.set(DLQ_METADATA, meta);
		return letter.toString();
	}

	/**
	 * The original {@code data} of a dead letter, with {@code _dlqMetadata} removed and a
	 * wrapped payload unwrapped; {@code null} when the letter kept no data field.
	 */
	@Nullable String redriveData(@Nullable String deadLetterData) {
		JsonNode letter = parseOrNull(deadLetterData);
		if (!(letter instanceof ObjectNode object)) {
			return deadLetterData;
		}
		JsonNode meta = object.remove(DLQ_METADATA);
		if (meta == null || !meta.path("payloadWrapped").asBoolean(false)) {
			return object.toString();
		}
		JsonNode payload = object.get(DLQ_PAYLOAD);
		if (payload == null || meta.path("payloadFields").asBoolean(false)) {
			return null;
		}
		return meta.path("payloadRaw").asBoolean(false) ? payload.asString() : payload.toString();
	}

	/**
	 * Split a dead letter into its metadata and the original payload.
	 */
	@SuppressWarnings("unchecked")
	DeadLetter readDeadLetter(String id, @Nullable String deadLetterData) {
		JsonNode letter = parseOrNull(deadLetterData);
		if (!(letter instanceof ObjectNode object)) {
			return new DeadLetter(id, Map.of(),
					(letter != null) ? this.jsonMapper.convertValue(letter, Object.class) : deadLetterData);
		}
		JsonNode meta = object.remove(DLQ_METADATA);
		Map<String, Object> metadata = (meta instanceof ObjectNode) ? this.jsonMapper.convertValue(meta, Map.class)
				: Map.of();
		Object payload;
		if (meta == null || !meta.path("payloadWrapped").asBoolean(false)) {
			payload = this.jsonMapper.convertValue(object, Object.class);
		}
		else {
			JsonNode wrapped = object.get(DLQ_PAYLOAD);
			payload = (wrapped == null) ? null : meta.path("payloadRaw").asBoolean(false) ? wrapped.asString()
					: this.jsonMapper.convertValue(wrapped, Object.class);
		}
		return new DeadLetter(id, metadata, payload);
	}

	String startedEvent(String id) {
		return event(id, "started").toString();
	}

	String completedEvent(String id) {
		return event(id, "completed").toString();
	}

	String progressEvent(String id, double completionRatio, String status) {
		ObjectNode event = event(id, "progress");
		event.put("completionRatio", completionRatio);
		event.put("status", status);
		return event.toString();
	}

	String failedEvent(String id, String error) {
		ObjectNode event = event(id, "failed");
		event.put("error", error);
		return event.toString();
	}

	private ObjectNode event(String id, String type) {
		ObjectNode event = this.jsonMapper.createObjectNode();
		event.put("id", id);
		event.put("type", type);
		return event;
	}

	private @Nullable JsonNode parseOrNull(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			return this.jsonMapper.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * What {@code _dlqMetadata} records.
	 */
	record DeadLetterMetadata(String originalId, int attempts, String consumerGroup, String consumerId, long timestamp,
			@Nullable String error, @Nullable String errorType) {
	}

}
