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

package io.github.processredisevents.autoconfigure.endpoint;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.autoconfigure.RedisEventsProperties;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.RedisEvents;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code redisevents} Actuator endpoint. Like every endpoint
 * but health, it is reachable over HTTP only when the application exposes it
 * ({@code management.endpoints.web.exposure.include=redisevents}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = RedisEventsAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean({ RedisEvents.class, RedisEventHandlerRegistry.class })
@ConditionalOnAvailableEndpoint(RedisEventsEndpoint.class)
public final class RedisEventsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisEventsEndpoint redisEventsEndpoint(RedisEvents redisEvents, RedisEventHandlerRegistry registry,
			RedisEventsProperties properties) {
		return new RedisEventsEndpoint(redisEvents, registry, properties.getActuator().isShowPayloads(),
				properties.getActuator().getMaxEntries());
	}

}
