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

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.autoconfigure.ProcessOptionsCustomizer;
import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventsMetricsAutoConfiguration}.
 */
class RedisEventsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisEventsAutoConfiguration.class, RedisEventsMetricsAutoConfiguration.class))
		.withBean(Handler.class);

	@Test
	void handsTheMeterRegistryToHandlers() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withBean(MeterRegistry.class, () -> registry).run((context) -> {
			assertThat(context).hasSingleBean(ProcessOptionsCustomizer.class);
			assertThat(context.getBean(RedisEventHandlerRegistry.class).getOptions("metered").meterRegistry())
				.isSameAs(registry);
		});
	}

	@Test
	void backsOffWithoutMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ProcessOptionsCustomizer.class);
			assertThat(context.getBean(RedisEventHandlerRegistry.class).getOptions("metered").meterRegistry()).isNull();
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("redis-events.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessOptionsCustomizer.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SimpleMeterRegistry.class, MeterRegistry.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessOptionsCustomizer.class));
	}

	static class Handler {

		@RedisEventHandler(id = "metered", stream = "s", group = "g", autoStartup = "false")
		void on(String payload) {
		}

	}

}
