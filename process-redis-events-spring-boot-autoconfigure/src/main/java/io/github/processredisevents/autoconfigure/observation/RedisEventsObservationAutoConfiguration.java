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

package io.github.processredisevents.autoconfigure.observation;

import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.autoconfigure.RedisEventsBuilderCustomizer;
import io.github.processredisevents.core.observation.RedisEventProcessObservationConvention;
import io.github.processredisevents.core.observation.RedisEventSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of process-redis-events observations, on when
 * {@code redis-events.observation.enabled=true}: hands the application's
 * {@link ObservationRegistry} and any {@link RedisEventSendObservationConvention} /
 * {@link RedisEventProcessObservationConvention} bean to the engine, so that
 * {@code RedisEventTemplate.send}/{@code sendAll} and every handled entry are observed.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = RedisEventsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, RedisEventsBuilderCustomizer.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty("redis-events.observation.enabled")
@EnableConfigurationProperties(RedisEventsObservationProperties.class)
public final class RedisEventsObservationAutoConfiguration {

	@Bean
	RedisEventsBuilderCustomizer redisEventsObservationCustomizer(ObservationRegistry observationRegistry,
			RedisEventsObservationProperties properties,
			ObjectProvider<RedisEventSendObservationConvention> sendConvention,
			ObjectProvider<RedisEventProcessObservationConvention> processConvention) {
		return (builder) -> builder.observationRegistry(observationRegistry)
			.sendObservationConvention(sendConvention.getIfUnique())
			.processObservationConvention(processConvention.getIfUnique())
			.linkToProducer(properties.isLinkToProducer());
	}

	/**
	 * Spans linked to, rather than children of, the producers' spans, with Micrometer
	 * Tracing: a batch handler's batches, and single deliveries with
	 * {@code redis-events.observation.link-to-producer=true}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class LinkToProducerConfiguration {

		/**
		 * Ordered before Spring Boot's propagating receiver handler (order 1000), which
		 * would make the producer's span the parent.
		 */
		@Bean
		@Order(900)
		LinkingReceiverTracingObservationHandler redisEventsLinkingReceiverTracingObservationHandler(
				ObjectProvider<Tracer> tracer) {
			return new LinkingReceiverTracingObservationHandler(tracer::getIfUnique);
		}

	}

}
