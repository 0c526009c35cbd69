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
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.RedisEvents;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventsEndpointAutoConfiguration}.
 */
class RedisEventsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisEventsAutoConfiguration.class, RedisEventsEndpointAutoConfiguration.class));

	@Test
	void createsEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=redisevents")
			.run((context) -> assertThat(context).hasSingleBean(RedisEventsEndpoint.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsEndpoint.class));
	}

	@Test
	void backsOffWhenExposedButAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=redisevents",
					"management.endpoint.redisevents.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsEndpoint.class));
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=redisevents")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsEndpoint.class));
	}

	@Test
	void backsOffWhenUserDefinesEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=redisevents")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RedisEventsEndpoint.class).hasBean("myEndpoint"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		RedisEventsEndpoint myEndpoint(RedisEvents events, RedisEventHandlerRegistry registry) {
			return new RedisEventsEndpoint(events, registry, true, 5);
		}

	}

}
