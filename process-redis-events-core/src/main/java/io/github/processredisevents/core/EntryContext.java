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

import io.github.processredisevents.core.observation.EntryOutcome;
import io.github.processredisevents.core.observation.RedisEventProcessContext;
import io.micrometer.observation.Observation;
import org.slf4j.MDC;

/**
 * What surrounds the settling of one delivery on its worker thread: its process
 * observation, in scope (so that a tracer puts the trace and span ids in the MDC), and
 * MDC entries naming the entry, stream, group and attempt, so that the handler's log
 * lines and the engine's own (retry, dead letter, lease lost) can be correlated.
 */
final class EntryContext {

	/** MDC key of the entry id. */
	static final String MDC_ENTRY_ID = "messaging.message.id";

	/** MDC key of the stream name. */
	static final String MDC_STREAM = "messaging.destination.name";

	/** MDC key of the consumer group. */
	static final String MDC_GROUP = "messaging.consumer.group.name";

	/** MDC key of the delivery's number, 1 on the first delivery. */
	static final String MDC_ATTEMPT = "attempt";

	private final EntryObservations observations;

	private final StreamKeys keys;

	private final String group;

	private final String consumerId;

	EntryContext(EntryObservations observations, StreamKeys keys, String group, String consumerId) {
		this.observations = observations;
		this.keys = keys;
		this.group = group;
		this.consumerId = consumerId;
	}

	/**
	 * Start observing a delivery and put it in scope on this thread, until the returned
	 * scope is closed.
	 */
	Scope open(Delivery delivery) {
		Observation observation = this.observations.process(delivery, this.keys, this.group, this.consumerId);
		Observation.Scope scope = observation.openScope();
		MDC.put(MDC_ENTRY_ID, delivery.id());
		MDC.put(MDC_STREAM, this.keys.name());
		MDC.put(MDC_GROUP, this.group);
		MDC.put(MDC_ATTEMPT, Integer.toString(delivery.attempts() + 1));
		return new Scope(observation, scope);
	}

	/**
	 * One delivery in scope.
	 */
	static final class Scope implements AutoCloseable {

		private final Observation observation;

		private final Observation.Scope scope;

		private Scope(Observation observation, Observation.Scope scope) {
			this.observation = observation;
			this.scope = scope;
		}

		/**
		 * Record what became of the delivery.
		 */
		void outcome(EntryOutcome outcome) {
			if (this.observation.getContext() instanceof RedisEventProcessContext context) {
				context.setOutcome(outcome);
			}
		}

		/**
		 * Record the handler's failure.
		 */
		void error(Throwable failure) {
			this.observation.error(failure);
		}

		@Override
		public void close() {
			MDC.remove(MDC_ENTRY_ID);
			MDC.remove(MDC_STREAM);
			MDC.remove(MDC_GROUP);
			MDC.remove(MDC_ATTEMPT);
			this.scope.close();
			this.observation.stop();
		}

	}

}
