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

import io.github.processredisevents.config.ProcessOptionsFactory;
import io.github.processredisevents.config.RedisEventHandlerEndpoint;
import io.github.processredisevents.core.InvalidOptionException;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessOverrides;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

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
	public ProcessOptions<Object> createOptions(RedisEventHandlerEndpoint endpoint) {
		ProcessOptions.Builder<Object> builder = ProcessOptions.builderFor(endpoint.getPayloadType());
		apply("redis-events.defaults", this.properties.getDefaults().toOverrides(), builder);
		endpoint.applyTo(builder);
		RedisEventsProperties.Handler handler = this.properties.getHandlers().get(endpoint.getId());
		if (handler != null) {
			apply("redis-events.handlers." + endpoint.getId(), handler.toOverrides(), builder);
		}
		this.properties.applyShutdownTimeout(builder);
		for (ProcessOptionsCustomizer customizer : this.customizers) {
			customizer.customize(endpoint.getId(), builder);
		}
		return builder.build();
	}

	private static void apply(String prefix, ProcessOverrides overrides, ProcessOptions.Builder<Object> builder) {
		try {
			overrides.applyTo(builder);
		}
		catch (InvalidOptionException ex) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(ex.option().name());
			throw new InvalidConfigurationPropertyValueException(name, ex.value(), ex.getMessage());
		}
	}

}
