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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The context of handing one batch of entries to a batch handler. The batch's span
 * belongs to none of the producers' traces: it starts a trace of its own, and a tracing
 * handler that reads {@link #getProducerTraceparents()} links it to every entry's context
 * (the Spring Boot starter registers one). Entry id and attempt are the first entry's.
 *
 * @since 0.1.0
 */
public class RedisEventBatchProcessContext extends RedisEventProcessContext {

	private final List<String> entryIds;

	private final List<String> producerTraceparents;

	/**
	 * Create a context.
	 * @param entries the fields of each entry, in batch order
	 * @param entryIds the entry ids, in batch order
	 * @param stream the stream name, without key prefix
	 * @param group the consumer group
	 * @param consumerId the consumer id
	 * @param attempt the first entry's delivery number
	 */
	public RedisEventBatchProcessContext(List<Map<String, String>> entries, List<String> entryIds, String stream,
			String group, String consumerId, int attempt) {
		super(entries.isEmpty() ? Map.of() : entries.get(0), stream, group, consumerId,
				entryIds.isEmpty() ? "" : entryIds.get(0), attempt, true);
		this.entryIds = List.copyOf(entryIds);
		List<String> traceparents = new ArrayList<>(entries.size());
		for (Map<String, String> fields : entries) {
			String traceparent = fields.get(TraceFields.TRACEPARENT);
			if (traceparent != null && !traceparent.isEmpty()) {
				traceparents.add(traceparent);
			}
		}
		this.producerTraceparents = List.copyOf(traceparents);
	}

	/**
	 * The ids of the batch's entries.
	 * @return the entry ids, in batch order
	 */
	public List<String> getEntryIds() {
		return this.entryIds;
	}

	@Override
	public List<String> getProducerTraceparents() {
		return this.producerTraceparents;
	}

}
