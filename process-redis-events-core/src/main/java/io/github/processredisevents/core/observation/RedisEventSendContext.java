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

import java.util.Map;

import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of sending entries to a stream. Its carrier holds the fields of the entry
 * to add, {@code data} first; the tracer's propagator adds {@code traceparent} and
 * {@code tracestate} after it.
 *
 * @since 0.1.0
 */
public class RedisEventSendContext extends SenderContext<Map<String, String>> {

	private final String stream;

	private final String key;

	private final int entryCount;

	private @Nullable String entryId;

	/**
	 * Create a context.
	 * @param fields the fields of the entry to add, {@code data} first, in a mutable
	 * ordered map
	 * @param stream the stream name, without key prefix
	 * @param key the stream's Redis key
	 * @param entryCount how many entries are sent at once
	 */
	public RedisEventSendContext(Map<String, String> fields, String stream, String key, int entryCount) {
		super((carrier, name, value) -> {
			if (carrier != null && TraceFields.isWritable(name, value)) {
				carrier.put(name, value);
			}
		});
		setCarrier(fields);
		this.stream = stream;
		this.key = key;
		this.entryCount = entryCount;
		setRemoteServiceName("redis");
	}

	/**
	 * The stream name, without key prefix.
	 * @return the stream name
	 */
	public String getStream() {
		return this.stream;
	}

	/**
	 * The stream's Redis key.
	 * @return the key
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * How many entries are sent at once: 1 for {@code send}, the list's size for
	 * {@code sendAll}.
	 * @return the number of entries
	 */
	public int getEntryCount() {
		return this.entryCount;
	}

	/**
	 * The id Redis gave the entry, once added; only for a single entry.
	 * @return the entry id, or {@code null}
	 */
	public @Nullable String getEntryId() {
		return this.entryId;
	}

	/**
	 * Set the id Redis gave the entry.
	 * @param entryId the entry id
	 */
	public void setEntryId(@Nullable String entryId) {
		this.entryId = entryId;
	}

}
