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

import io.github.processredisevents.core.observation.EntryOutcome;
import io.github.processredisevents.core.observation.RedisEventProcessContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
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
		Scope scope = new Scope(this, delivery, observation);
		scope.enter();
		return scope;
	}

	/**
	 * Start observing a batch for a batch handler and put it in scope on this thread; the
	 * MDC names the stream and group (the entries are many).
	 */
	Scope openBatch(List<Delivery> deliveries) {
		Observation observation = this.observations.processBatch(deliveries, this.keys, this.group, this.consumerId);
		Scope scope = new Scope(this, null, observation);
		scope.enter();
		return scope;
	}

	private void putMdc(@Nullable Delivery delivery) {
		MDC.put(MDC_STREAM, this.keys.name());
		MDC.put(MDC_GROUP, this.group);
		if (delivery != null) {
			MDC.put(MDC_ENTRY_ID, delivery.id());
			MDC.put(MDC_ATTEMPT, Integer.toString(delivery.attempts() + 1));
		}
	}

	private static void removeMdc() {
		MDC.remove(MDC_ENTRY_ID);
		MDC.remove(MDC_STREAM);
		MDC.remove(MDC_GROUP);
		MDC.remove(MDC_ATTEMPT);
	}

	/**
	 * One delivery in scope.
	 */
	static final class Scope implements AutoCloseable {

		private final EntryContext owner;

		private final @Nullable Delivery delivery;

		private final Observation observation;

		private Observation.@Nullable Scope scope;

		private Scope(EntryContext owner, @Nullable Delivery delivery, Observation observation) {
			this.owner = owner;
			this.delivery = delivery;
			this.observation = observation;
		}

		private void enter() {
			this.scope = this.observation.openScope();
			this.owner.putMdc(this.delivery);
		}

		/**
		 * Run an action about this delivery on another thread (a timeout's timer), with
		 * the delivery in scope and in the MDC there too.
		 */
		void onThisThread(Runnable action) {
			Observation.Scope other = this.observation.openScope();
			this.owner.putMdc(this.delivery);
			try {
				action.run();
			}
			finally {
				removeMdc();
				other.close();
			}
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
			removeMdc();
			if (this.scope != null) {
				this.scope.close();
			}
			this.observation.stop();
		}

	}

}
