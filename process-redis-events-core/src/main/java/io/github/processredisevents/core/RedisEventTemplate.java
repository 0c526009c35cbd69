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

import java.util.List;

/**
 * Publishes payloads to streams in the shared wire format.
 *
 * @since 0.1.0
 */
public class RedisEventTemplate {

	private final RedisEvents events;

	/**
	 * Create a template.
	 * @param events the engine to publish through
	 */
	public RedisEventTemplate(RedisEvents events) {
		this.events = events;
	}

	/**
	 * Add one entry; on a stream of several partitions, to the next partition in turn.
	 * @param stream the stream name, without key prefix
	 * @param payload the payload, written as JSON
	 * @return the entry id
	 */
	public String send(String stream, Object payload) {
		return this.events.partitionedStream(stream).add(payload);
	}

	/**
	 * Add one entry to the partition of its key, so that entries of one key stay in one
	 * partition in the order they were added (see {@link PartitionedStream}). On a stream
	 * of one partition, the key changes nothing.
	 * @param stream the stream name, without key prefix
	 * @param key the key, such as an order id
	 * @param payload the payload, written as JSON
	 * @return the entry id
	 */
	public String send(String stream, String key, Object payload) {
		return this.events.partitionedStream(stream).add(key, payload);
	}

	/**
	 * Add several entries in one pipeline (one per partition on a stream of several,
	 * spread over them in turn).
	 * @param stream the stream name, without key prefix
	 * @param payloads the payloads, written as JSON
	 * @return the entry ids, in order
	 */
	public List<String> sendAll(String stream, List<?> payloads) {
		return this.events.partitionedStream(stream).addAll(payloads);
	}

	/**
	 * The engine this template publishes through.
	 * @return the engine
	 */
	public RedisEvents getRedisEvents() {
		return this.events;
	}

}
