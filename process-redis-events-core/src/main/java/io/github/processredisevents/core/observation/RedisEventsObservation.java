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

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of sending and processing entries, with the key names of the
 * OpenTelemetry messaging semantic conventions.
 *
 * @since 0.1.0
 */
public enum RedisEventsObservation implements ObservationDocumentation {

	/**
	 * Adding entries to a stream ({@code RedisEventTemplate.send}/{@code sendAll}): a
	 * producer span whose context travels in the entries.
	 */
	SEND {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRedisEventSendObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.MESSAGING_SYSTEM, LowCardinalityKeys.DESTINATION_NAME,
					LowCardinalityKeys.OPERATION_TYPE, LowCardinalityKeys.OPERATION_NAME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.MESSAGE_ID, HighCardinalityKeys.BATCH_MESSAGE_COUNT };
		}

	},

	/**
	 * Handling one delivery of an entry: a consumer span that continues the producer's
	 * trace. A batch handler's batch is one observation, linked to every entry's trace.
	 */
	PROCESS {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRedisEventProcessObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.MESSAGING_SYSTEM, LowCardinalityKeys.DESTINATION_NAME,
					LowCardinalityKeys.CONSUMER_GROUP_NAME, LowCardinalityKeys.OPERATION_TYPE,
					LowCardinalityKeys.OPERATION_NAME, LowCardinalityKeys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.MESSAGE_ID, HighCardinalityKeys.BATCH_MESSAGE_COUNT,
					HighCardinalityKeys.ATTEMPT, HighCardinalityKeys.CONSUMER_ID };
		}

	};

	/**
	 * Low-cardinality keys: tags of the meters as well as of the spans.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** Always {@code redis}. */
		MESSAGING_SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		/** The stream name, without key prefix. */
		DESTINATION_NAME {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		},

		/** The consumer group. */
		CONSUMER_GROUP_NAME {
			@Override
			public String asString() {
				return "messaging.consumer.group.name";
			}
		},

		/** {@code send} or {@code process}. */
		OPERATION_TYPE {
			@Override
			public String asString() {
				return "messaging.operation.type";
			}
		},

		/** {@code send} or {@code process}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "messaging.operation.name";
			}
		},

		/**
		 * What became of the delivery: {@code success}, {@code retry},
		 * {@code dead_letter} or {@code lease_lost}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * High-cardinality keys: on spans only, never meter tags.
	 */
	public enum HighCardinalityKeys implements KeyName {

		/** The entry id. */
		MESSAGE_ID {
			@Override
			public String asString() {
				return "messaging.message.id";
			}
		},

		/** How many entries one send added, or one batch handled, when more than one. */
		BATCH_MESSAGE_COUNT {
			@Override
			public String asString() {
				return "messaging.batch.message_count";
			}
		},

		/** The delivery's number: 1 on the first delivery, 2 on the first retry. */
		ATTEMPT {
			@Override
			public String asString() {
				return "attempt";
			}
		},

		/** The consumer id. */
		CONSUMER_ID {
			@Override
			public String asString() {
				return "messaging.consumer.id";
			}
		}

	}

}
