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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.observation.DefaultRedisEventProcessObservationConvention;
import io.github.processredisevents.core.observation.DefaultRedisEventSendObservationConvention;
import io.github.processredisevents.core.observation.RedisEventBatchProcessContext;
import io.github.processredisevents.core.observation.RedisEventProcessContext;
import io.github.processredisevents.core.observation.RedisEventProcessObservationConvention;
import io.github.processredisevents.core.observation.RedisEventSendContext;
import io.github.processredisevents.core.observation.RedisEventSendObservationConvention;
import io.github.processredisevents.core.observation.RedisEventsObservation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Creates the observations of one engine: a send observation per add and a process
 * observation per delivery (or per batch for a batch handler), or none when no registry
 * (or a no-op one) was given.
 */
final class EntryObservations {

	static final EntryObservations NONE = new EntryObservations(ObservationRegistry.NOOP, null, null, false);

	private final ObservationRegistry registry;

	private final @Nullable RedisEventSendObservationConvention sendConvention;

	private final @Nullable RedisEventProcessObservationConvention processConvention;

	private final boolean linkToProducer;

	EntryObservations(ObservationRegistry registry, @Nullable RedisEventSendObservationConvention sendConvention,
			@Nullable RedisEventProcessObservationConvention processConvention, boolean linkToProducer) {
		this.registry = registry;
		this.sendConvention = sendConvention;
		this.processConvention = processConvention;
		this.linkToProducer = linkToProducer;
	}

	/**
	 * Whether adds and deliveries are observed at all.
	 */
	boolean enabled() {
		return !this.registry.isNoop();
	}

	/**
	 * Start observing an add; its context's carrier holds {@code data} and, once started,
	 * the trace context fields to write after it.
	 */
	Observation send(RedisEventSendContext context) {
		return RedisEventsObservation.SEND
			.observation(this.sendConvention, DefaultRedisEventSendObservationConvention.INSTANCE, () -> context,
					this.registry)
			.start();
	}

	/**
	 * The fields of an entry to add: {@code data} first, in an ordered map that trace
	 * context fields can be added to.
	 */
	static Map<String, String> fields(String data) {
		Map<String, String> fields = new LinkedHashMap<>(4);
		fields.put(WireCodec.DATA_FIELD, data);
		return fields;
	}

	/**
	 * Start observing a batch handed to a batch handler (not yet in scope).
	 */
	Observation processBatch(List<Delivery> deliveries, StreamKeys keys, String group, String consumerId) {
		if (!enabled()) {
			return Observation.NOOP;
		}
		List<Map<String, String>> fields = new ArrayList<>(deliveries.size());
		List<String> ids = new ArrayList<>(deliveries.size());
		for (Delivery delivery : deliveries) {
			fields.add(delivery.fields());
			ids.add(delivery.id());
		}
		int attempt = deliveries.isEmpty() ? 1 : deliveries.get(0).attempts() + 1;
		return RedisEventsObservation.PROCESS
			.observation(this.processConvention, DefaultRedisEventProcessObservationConvention.INSTANCE,
					() -> new RedisEventBatchProcessContext(fields, ids, keys.name(), group, consumerId, attempt),
					this.registry)
			.start();
	}

	/**
	 * Start observing one delivery (not yet in scope).
	 */
	Observation process(Delivery delivery, StreamKeys keys, String group, String consumerId) {
		if (!enabled()) {
			return Observation.NOOP;
		}
		return RedisEventsObservation.PROCESS
			.observation(this.processConvention, DefaultRedisEventProcessObservationConvention.INSTANCE,
					() -> new RedisEventProcessContext(delivery.fields(), keys.name(), group, consumerId, delivery.id(),
							delivery.attempts() + 1, this.linkToProducer),
					this.registry)
			.start();
	}

}
