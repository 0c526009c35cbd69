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

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The three keys of a stream called {@code name}: the stream, its dead letters and its
 * events.
 *
 * @param name the stream name
 * @param stream the stream key ({@code stream:name})
 * @param deadLetters the dead-letter stream key ({@code stream:dlq:name})
 * @param events the event stream key ({@code stream:events:name})
 */
record StreamKeys(String name, String stream, String deadLetters, String events) {

	static StreamKeys of(String prefix, String name) {
		return new StreamKeys(name, prefix + name, prefix + "dlq:" + name, prefix + "events:" + name);
	}

	/**
	 * Whether the stream and its dead letters share a hash slot, so that one script may
	 * write both.
	 */
	boolean deadLettersShareSlot() {
		return JedisClusterCRC16.getSlot(this.stream) == JedisClusterCRC16.getSlot(this.deadLetters);
	}

	/**
	 * Fail unless a processor of this stream sends only single-slot commands on a Redis
	 * Cluster: dead-lettering writes the dead letter and acknowledges the entry in one
	 * script, which Redis Cluster refuses when the two keys are in different slots.
	 * @param deadLetter whether the processor dead-letters
	 * @throws IllegalStateException naming the keys, their slots and what to change
	 */
	void requireOneSlotOnCluster(boolean deadLetter) {
		if (!deadLetter || deadLettersShareSlot()) {
			return;
		}
		throw new IllegalStateException("Stream '" + this.name + "' cannot be processed on a Redis Cluster: its"
				+ " keys " + this.stream + " (slot " + JedisClusterCRC16.getSlot(this.stream) + ") and "
				+ this.deadLetters + " (slot " + JedisClusterCRC16.getSlot(this.deadLetters)
				+ ") are in different hash slots, and a dead letter is written and acknowledged in one script,"
				+ " which Redis Cluster refuses across slots. Put the name in a hash tag, '{" + this.name
				+ "}', so that the stream, its dead letters and its events share a slot (producers in every"
				+ " language must then use that name too), or turn dead letters off for this handler"
				+ " (ProcessOptions deadLetter(false), or redis-events.handlers.<id>.dead-letter=false).");
	}

}
