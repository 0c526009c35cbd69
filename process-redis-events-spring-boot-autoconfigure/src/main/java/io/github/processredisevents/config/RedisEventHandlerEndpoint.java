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

package io.github.processredisevents.config;

import java.lang.reflect.Type;

import io.github.processredisevents.core.InvalidOptionException;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessOverrides;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;

/**
 * A handler the {@link RedisEventHandlerRegistry} runs: which stream and group it
 * consumes, the settings it gives itself, and how it starts processing. Made from an
 * annotated method ({@link MethodRedisEventHandlerEndpoint}) or defined in code
 * ({@link SimpleRedisEventHandlerEndpoint}); both get
 * {@code redis-events.handlers.<id>.*}, the Actuator endpoint, metrics, health, pause and
 * resume alike.
 *
 * @since 0.1.0
 */
public interface RedisEventHandlerEndpoint {

	/**
	 * The handler id, used by the registry, the Actuator endpoint and
	 * {@code redis-events.handlers.<id>.*}.
	 * @return the id
	 */
	String getId();

	/**
	 * The stream name, without key prefix.
	 * @return the stream name
	 */
	String getStream();

	/**
	 * The consumer group.
	 * @return the group name
	 */
	String getGroup();

	/**
	 * The type that entries' {@code data} JSON is read as.
	 * @return the payload type
	 */
	Type getPayloadType();

	/**
	 * The processing options the handler sets itself; unset ones fall through to
	 * {@code redis-events.defaults.*}.
	 * @return the overrides
	 */
	ProcessOverrides getOverrides();

	/**
	 * Whether the handler starts with the application context.
	 * @return whether it starts automatically
	 */
	default boolean isAutoStartup() {
		return true;
	}

	/**
	 * Whether the handler takes the entries of one read in one call (a batch handler).
	 * @return whether this is a batch handler
	 */
	default boolean isBatch() {
		return false;
	}

	/**
	 * Apply the group and the handler's own settings to a builder.
	 * @param builder the builder
	 * @return the builder
	 * @throws IllegalStateException if a setting is out of range, naming the handler
	 */
	default ProcessOptions.Builder<Object> applyTo(ProcessOptions.Builder<Object> builder) {
		builder.group(getGroup());
		try {
			return getOverrides().applyTo(builder);
		}
		catch (InvalidOptionException ex) {
			throw new IllegalStateException(
					"Invalid option '" + ex.option().name() + "' of " + describe() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Start processing the stream.
	 * @param events the engine
	 * @param options the options
	 * @return the running processor
	 */
	StreamProcessor start(RedisEvents events, ProcessOptions<Object> options);

	/**
	 * A description naming the handler, for messages.
	 * @return the description
	 */
	String describe();

}
