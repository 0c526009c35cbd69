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

package io.github.processredisevents.samples.orders;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DevelopmentRedisEnvironmentPostProcessor}: when it stays off, and what
 * it says works on the Redis it starts.
 */
class DevelopmentRedisEnvironmentPostProcessorTests {

	private final DevelopmentRedisEnvironmentPostProcessor postProcessor = new DevelopmentRedisEnvironmentPostProcessor(
			(java.util.function.Supplier<org.apache.commons.logging.Log> log) -> log.get());

	@Test
	void staysOffInTheProdProfile() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.port", "1");
		environment.setActiveProfiles("prod");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains("developmentRedis")).isFalse();
	}

	@Test
	void staysOffWhenDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.port", "1")
			.withProperty(DevelopmentRedisEnvironmentPostProcessor.ENABLED_PROPERTY, "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains("developmentRedis")).isFalse();
	}

	@Test
	void staysOffWhenARedisUrlIsConfigured() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.url",
				"redis://127.0.0.1:1");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains("developmentRedis")).isFalse();
	}

	@Test
	void saysWhatWorksOnEachRedisVersion() {
		assertThat(DevelopmentRedisEnvironmentPostProcessor.whatWorks("7.0.15"))
			.isEqualTo("every feature of the sample works on it");
		assertThat(DevelopmentRedisEnvironmentPostProcessor.whatWorks("6.2.14")).contains("lag")
			.contains("need Redis 7")
			.contains("unknown");
		assertThat(DevelopmentRedisEnvironmentPostProcessor.whatWorks("6.0.16")).contains("needs Redis 6.2");
	}

}
