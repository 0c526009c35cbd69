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
package io.github.processredisevents.autoconfigure.console;

import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.console.ConsoleAccess;
import io.github.processredisevents.console.MeterHistory;
import io.github.processredisevents.console.OpenConsoleAccess;
import io.github.processredisevents.console.RedisEventsConsoleController;
import io.github.processredisevents.console.SecuredConsoleAccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventsConsoleAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisEventsConsoleAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisEventsAutoConfiguration.class, RedisEventsConsoleAutoConfiguration.class));

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsConsoleController.class));
	}

	@Test
	void servesTheConsoleWhenEnabled() {
		this.contextRunner.withPropertyValues("redis-events.console.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(RedisEventsConsoleController.class)
				.doesNotHaveBean(MeterHistory.class)
				.getBean(ConsoleAccess.class)
				.isInstanceOf(SecuredConsoleAccess.class));
	}

	@Test
	void keepsMeterHistoryWhenTheApplicationHasAMeterRegistry() {
		this.contextRunner.withPropertyValues("redis-events.console.enabled=true")
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(MeterHistory.class));
	}

	@Test
	void warnsThatTheConsoleIsOpenWithoutSpringSecurity(CapturedOutput output) {
		this.contextRunner.withPropertyValues("redis-events.console.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> {
				assertThat(context).getBean(ConsoleAccess.class).isInstanceOf(OpenConsoleAccess.class);
				assertThat(output).contains("WARN")
					.contains("The redis-events console at /redis-events is open to anyone who can reach this port");
			});
	}

	@Test
	void backsOffWithoutSpringMvc() {
		this.contextRunner.withPropertyValues("redis-events.console.enabled=true")
			.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsConsoleController.class));
	}

	@Test
	void failsStartupNamingThePropertyWithoutActuator() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RedisEventsConsoleRequiresActuatorAutoConfiguration.class))
			.withPropertyValues("redis-events.console.enabled=true")
			.withClassLoader(new FilteredClassLoader(OperationResponseBody.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis-events.console.enabled")
				.hasMessageContaining("spring-boot-starter-actuator"));
	}

	@Test
	void needsNothingMoreWhenActuatorIsPresentOrTheConsoleIsOff() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RedisEventsConsoleRequiresActuatorAutoConfiguration.class))
			.withPropertyValues("redis-events.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RedisEventsConsoleController.class));
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RedisEventsConsoleRequiresActuatorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(OperationResponseBody.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisEventsConsoleController.class));
	}

	@Test
	void backsOffOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisEventsAutoConfiguration.class,
					RedisEventsConsoleAutoConfiguration.class))
			.withPropertyValues("redis-events.console.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEventsConsoleController.class));
	}

}
