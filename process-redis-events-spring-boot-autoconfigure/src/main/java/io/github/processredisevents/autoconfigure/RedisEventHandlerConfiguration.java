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

package io.github.processredisevents.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.processredisevents.annotation.RedisEventHandlerBeanPostProcessor;
import io.github.processredisevents.config.RedisEventHandlerConfigurer;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.RedisEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

/**
 * The annotation post-processor and the handler registry, with handler options taken from
 * the {@code redis-events.*} properties and handler threads from Spring Boot's threading
 * settings and the application's {@code TaskDecorator}.
 */
@Configuration(proxyBeanMethods = false)
class RedisEventHandlerConfiguration {

	private static final Log logger = LogFactory.getLog(RedisEventHandlerConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static RedisEventHandlerBeanPostProcessor redisEventHandlerBeanPostProcessor() {
		return new RedisEventHandlerBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	RedisEventHandlerRegistry redisEventHandlerRegistry(RedisEvents redisEvents, RedisEventsProperties properties,
			ObjectProvider<ProcessOptionsCustomizer> customizers, ObjectProvider<JedisClients> clients,
			Environment environment, ObjectProvider<TaskDecorator> taskDecorator) {
		// the threads first, so that the application's customizers can change them
		List<ProcessOptionsCustomizer> all = new ArrayList<>();
		all.add(new HandlerThreadsCustomizer(Threading.VIRTUAL.isActive(environment), taskDecorator.getIfUnique()));
		all.addAll(customizers.orderedStream().toList());
		RedisEventHandlerRegistry registry = new RedisEventHandlerRegistry(redisEvents,
				new PropertiesProcessOptionsFactory(properties, all));
		registry.setFailFast(properties.isFailFast());
		clients.ifAvailable(
				(made) -> registry.setRedisAddress(made.created(redisEvents.client()) ? made.address() : null));
		return registry;
	}

	@Bean
	SmartInitializingSingleton redisEventHandlerConfigurers(ObjectProvider<RedisEventHandlerConfigurer> configurers,
			ObjectProvider<RedisEventHandlerRegistry> registry) {
		return () -> registry.ifAvailable(
				(handlers) -> configurers.orderedStream().forEach((configurer) -> configurer.configure(handlers)));
	}

	@Bean
	ApplicationListener<ContextRefreshedEvent> redisEventsUnknownHandlerWarning(RedisEventsProperties properties,
			ObjectProvider<RedisEventHandlerRegistry> registry) {
		return (event) -> registry.ifAvailable((handlers) -> {
			Set<String> unknown = new TreeSet<>(properties.getHandlers().keySet());
			unknown.removeAll(handlers.getHandlerIds());
			if (!unknown.isEmpty()) {
				logger.warn("redis-events.handlers has settings for " + unknown + ", but there are no handlers with"
						+ " these ids; known handlers are " + handlers.getHandlerIds());
			}
		});
	}

}
