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

import java.time.Duration;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.autoconfigure.RedisEventsProperties;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.console.ConsoleAccess;
import io.github.processredisevents.console.ConsoleFacts;
import io.github.processredisevents.console.MeterHistory;
import io.github.processredisevents.console.OpenConsoleAccess;
import io.github.processredisevents.console.RedisEventsConsoleController;
import io.github.processredisevents.console.SecuredConsoleAccess;
import io.github.processredisevents.core.RedisEvents;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the operations console: with Spring MVC, Actuator and
 * {@code redis-events.console.enabled=true}, the application serves the console at
 * {@code redis-events.console.path}. With Spring Security, viewing needs an authenticated
 * user and acting needs {@code redis-events.console.operator-role}; without it, a warning
 * at startup says the console is open.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = RedisEventsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, OperationResponseBody.class, RedisEvents.class })
@ConditionalOnBooleanProperty("redis-events.console.enabled")
@ConditionalOnBean({ RedisEvents.class, RedisEventHandlerRegistry.class })
@EnableConfigurationProperties(RedisEventsConsoleProperties.class)
public final class RedisEventsConsoleAutoConfiguration {

	private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);

	private static final int SAMPLES = 60;

	@Bean
	@ConditionalOnMissingBean
	RedisEventsConsoleController redisEventsConsoleController(RedisEvents events, RedisEventHandlerRegistry registry,
			ObjectProvider<MeterHistory> history, ConsoleAccess access, RedisEventsProperties properties,
			RedisEventsConsoleProperties console) {
		boolean showPayloads = console.isShowPayloads() || properties.getActuator().isShowPayloads();
		// an endpoint of the console's own: it need not be exposed, and lists more dead
		// letters than the endpoint's max-entries
		RedisEventsEndpoint endpoint = new RedisEventsEndpoint(events, registry, showPayloads,
				console.getMaxDeadLetters());
		ConsoleFacts facts = new ConsoleFacts(endpoint, events, registry, history.getIfUnique(), showPayloads);
		return new RedisEventsConsoleController(facts, access, console.getPath(), console.isReadOnly());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	MeterHistory redisEventsConsoleMeterHistory(MeterRegistry meterRegistry, RedisEventHandlerRegistry registry) {
		return new MeterHistory(meterRegistry, registry, SAMPLE_INTERVAL, SAMPLES);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.security.core.context.SecurityContextHolder",
			"org.springframework.security.web.csrf.CsrfToken" })
	static class SecuredAccessConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConsoleAccess redisEventsConsoleAccess(RedisEventsConsoleProperties console) {
			return new SecuredConsoleAccess(console.getOperatorRole());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.web.csrf.CsrfToken")
	static class OpenAccessConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConsoleAccess redisEventsConsoleAccess(RedisEventsConsoleProperties console) {
			return new OpenConsoleAccess(console.getPath(), console.isReadOnly());
		}

	}

}
