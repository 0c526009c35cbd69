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

package io.github.processredisevents.autoconfigure;

import java.util.List;

import io.github.processredisevents.config.MethodRedisEventHandlerEndpoint;
import io.github.processredisevents.config.ProcessOptionsFactory;
import io.github.processredisevents.core.Backoff;
import io.github.processredisevents.core.ProcessOptions;

/**
 * Creates handler options with the precedence, highest first:
 * {@code redis-events.handlers.<id>.*}, the annotation's attributes,
 * {@code redis-events.defaults.*}, the built-in defaults; customizers run last.
 */
final class PropertiesProcessOptionsFactory implements ProcessOptionsFactory {

	private final RedisEventsProperties properties;

	private final List<ProcessOptionsCustomizer> customizers;

	PropertiesProcessOptionsFactory(RedisEventsProperties properties, List<ProcessOptionsCustomizer> customizers) {
		this.properties = properties;
		this.customizers = customizers;
	}

	@Override
	public ProcessOptions<Object> createOptions(MethodRedisEventHandlerEndpoint endpoint) {
		ProcessOptions.Builder<Object> builder = ProcessOptions.builderFor(endpoint.getPayloadType());
		builder.group(endpoint.getGroup());
		RedisEventsProperties.Handler defaults = this.properties.getDefaults();
		defaults.applyTo("redis-events.defaults", builder);
		Backoff backoff = defaults.getBackoff().mergeInto("redis-events.defaults", Backoff.DEFAULT);
		endpoint.applyTo(builder);
		String prefix = "redis-events.handlers." + endpoint.getId();
		RedisEventsProperties.Handler handler = this.properties.getHandlers().get(endpoint.getId());
		if (handler != null) {
			handler.applyTo(prefix, builder);
			backoff = handler.getBackoff().mergeInto(prefix, backoff);
		}
		builder.backoff(backoff);
		this.properties.applyShutdownTimeout(builder);
		for (ProcessOptionsCustomizer customizer : this.customizers) {
			customizer.customize(endpoint.getId(), builder);
		}
		return builder.build();
	}

}
