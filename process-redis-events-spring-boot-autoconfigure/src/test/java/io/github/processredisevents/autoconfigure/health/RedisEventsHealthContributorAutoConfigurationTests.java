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

package io.github.processredisevents.autoconfigure.health;

import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.health.RedisEventsHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventsHealthContributorAutoConfiguration}.
 */
class RedisEventsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisEventsAutoConfiguration.class,
				RedisEventsHealthContributorAutoConfiguration.class));

	@Test
	void createsHealthIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisEventsHealthIndicator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.redisevents.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsHealthIndicator.class));
	}

	@Test
	void backsOffWithoutHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsHealthIndicator.class));
	}

	@Test
	void backsOffWithoutEngine() {
		this.contextRunner.withPropertyValues("redis-events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsHealthIndicator.class));
	}

}
