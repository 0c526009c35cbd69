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

package io.github.processredisevents.autoconfigure.metrics;

import io.github.processredisevents.autoconfigure.ProcessOptionsCustomizer;
import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of process-redis-events meters: hands the application's
 * {@link MeterRegistry} to every handler, which then registers the shared meters
 * ({@code redis_stream_messages_processed_total} and friends) tagged by stream and group.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = RedisEventsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, ProcessOptionsCustomizer.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "redis-events.metrics.enabled", matchIfMissing = true)
public final class RedisEventsMetricsAutoConfiguration {

	@Bean
	ProcessOptionsCustomizer redisEventsMeterRegistryCustomizer(MeterRegistry meterRegistry) {
		return (handlerId, builder) -> builder.meterRegistry(meterRegistry);
	}

}
