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
 * The default {@link RedisEventSendObservationConvention}: observation
 * {@code redis.events.send}, span {@code send <stream>}, OpenTelemetry messaging keys.
 * Public so that a convention can extend it and add key values.
 *
 * @since 0.1.0
 */
public class DefaultRedisEventSendObservationConvention implements RedisEventSendObservationConvention {

	/** A shared instance. */
	public static final DefaultRedisEventSendObservationConvention INSTANCE = new DefaultRedisEventSendObservationConvention();

	@Override
	public String getName() {
		return "redis.events.send";
	}

	@Override
	public String getContextualName(RedisEventSendContext context) {
		return "send " + context.getStream();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RedisEventSendContext context) {
		return KeyValues.of(LowCardinalityKeys.MESSAGING_SYSTEM.withValue("redis"),
				LowCardinalityKeys.DESTINATION_NAME.withValue(context.getStream()),
				LowCardinalityKeys.OPERATION_TYPE.withValue("send"),
				LowCardinalityKeys.OPERATION_NAME.withValue("send"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RedisEventSendContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getEntryId() != null) {
			values = values.and(HighCardinalityKeys.MESSAGE_ID.withValue(context.getEntryId()));
		}
		if (context.getEntryCount() != 1) {
			values = values
				.and(HighCardinalityKeys.BATCH_MESSAGE_COUNT.withValue(Integer.toString(context.getEntryCount())));
		}
		return values;
	}

}
