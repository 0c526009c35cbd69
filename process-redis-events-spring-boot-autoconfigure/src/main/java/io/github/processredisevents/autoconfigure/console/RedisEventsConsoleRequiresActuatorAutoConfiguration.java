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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that fails startup when {@code redis-events.console.enabled=true}
 * in a Spring MVC application without Actuator, which the console needs: a console
 * switched on must never be silently missing.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnMissingClass("org.springframework.boot.actuate.endpoint.OperationResponseBody")
@ConditionalOnBooleanProperty("redis-events.console.enabled")
public final class RedisEventsConsoleRequiresActuatorAutoConfiguration {

	RedisEventsConsoleRequiresActuatorAutoConfiguration() {
		throw new InvalidConfigurationPropertyValueException("redis-events.console.enabled", "true",
				"The console needs Spring Boot Actuator: add spring-boot-starter-actuator, "
						+ "or set redis-events.console.enabled=false.");
	}

}
