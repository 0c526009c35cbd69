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
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventsObservationAutoConfiguration}.
 */
class RedisEventsObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisEventsAutoConfiguration.class,
				RedisEventsObservationAutoConfiguration.class))
		.withBean(ObservationRegistry.class, ObservationRegistry::create);

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsBuilderCustomizer.class));
	}

	@Test
	void handsTheObservationRegistryToTheEngineWhenEnabled() {
		this.contextRunner.withPropertyValues("redis-events.observation.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(RedisEventsBuilderCustomizer.class);
			// batches are linked to their entries' traces whether or not single entries
			// are
			assertThat(context).hasSingleBean(LinkingReceiverTracingObservationHandler.class);
		});
	}

	@Test
	void backsOffWithoutObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisEventsAutoConfiguration.class,
					RedisEventsObservationAutoConfiguration.class))
			.withPropertyValues("redis-events.observation.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsBuilderCustomizer.class));
	}

	@Test
	void registersTheLinkingHandlerWhenLinkingToTheProducer() {
		this.contextRunner
			.withPropertyValues("redis-events.observation.enabled=true",
					"redis-events.observation.link-to-producer=true")
			.run((context) -> assertThat(context).hasSingleBean(LinkingReceiverTracingObservationHandler.class));
	}

	@Test
	void linksNeedMicrometerTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.withPropertyValues("redis-events.observation.enabled=true",
					"redis-events.observation.link-to-producer=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisEventsBuilderCustomizer.class);
				assertThat(context).doesNotHaveBean(LinkingReceiverTracingObservationHandler.class);
			});
	}

}
