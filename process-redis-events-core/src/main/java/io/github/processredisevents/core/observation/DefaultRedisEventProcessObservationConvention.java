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

import io.github.processredisevents.core.observation.RedisEventsObservation.HighCardinalityKeys;
import io.github.processredisevents.core.observation.RedisEventsObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default {@link RedisEventProcessObservationConvention}: observation
 * {@code redis.events.process}, span {@code process <stream>}, OpenTelemetry messaging
 * keys plus {@code outcome} (low cardinality) and {@code attempt} (high cardinality); a
 * batch has {@code messaging.batch.message_count} instead of
 * {@code messaging.message.id}. Public so that a convention can extend it and add key
 * values.
 *
 * @since 0.1.0
 */
public class DefaultRedisEventProcessObservationConvention implements RedisEventProcessObservationConvention {

	/** A shared instance. */
	public static final DefaultRedisEventProcessObservationConvention INSTANCE = new DefaultRedisEventProcessObservationConvention();

	@Override
	public String getName() {
		return "redis.events.process";
	}

	@Override
	public String getContextualName(RedisEventProcessContext context) {
		return "process " + context.getStream();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RedisEventProcessContext context) {
		EntryOutcome outcome = context.getOutcome();
		return KeyValues.of(LowCardinalityKeys.MESSAGING_SYSTEM.withValue("redis"),
				LowCardinalityKeys.DESTINATION_NAME.withValue(context.getStream()),
				LowCardinalityKeys.CONSUMER_GROUP_NAME.withValue(context.getGroup()),
				LowCardinalityKeys.OPERATION_TYPE.withValue("process"),
				LowCardinalityKeys.OPERATION_NAME.withValue("process"),
				LowCardinalityKeys.OUTCOME.withValue((outcome != null) ? outcome.value() : "unknown"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RedisEventProcessContext context) {
		if (context instanceof RedisEventBatchProcessContext batch) {
			return KeyValues.of(
					HighCardinalityKeys.BATCH_MESSAGE_COUNT.withValue(Integer.toString(batch.getEntryIds().size())),
					HighCardinalityKeys.ATTEMPT.withValue(Integer.toString(context.getAttempt())),
					HighCardinalityKeys.CONSUMER_ID.withValue(context.getConsumerId()));
		}
		return KeyValues.of(HighCardinalityKeys.MESSAGE_ID.withValue(context.getEntryId()),
				HighCardinalityKeys.ATTEMPT.withValue(Integer.toString(context.getAttempt())),
				HighCardinalityKeys.CONSUMER_ID.withValue(context.getConsumerId()));
	}

}
