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

package io.github.processredisevents.test;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the test class's server to an application context: an
 * {@link EmbeddedRedisConnectionDetails} bean, and a lifecycle bean that stops the server
 * after everything else has stopped (handlers finish and acknowledge first). One context
 * per test class, so that no cached context outlives its server.
 */
final class EmbeddedRedisContextCustomizer implements ContextCustomizer {

	private final Class<?> testClass;

	EmbeddedRedisContextCustomizer(Class<?> testClass) {
		this.testClass = testClass;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
			throw new IllegalStateException("@EmbeddedRedis needs a context whose bean factory takes bean"
					+ " definitions, but " + context.getClass().getName() + " has none");
		}
		RedisServerProcess server = EmbeddedRedisServers.handToContext(this.testClass);
		RootBeanDefinition details = new RootBeanDefinition(EmbeddedRedisConnectionDetails.class,
				() -> new EmbeddedRedisConnectionDetails(server));
		registry.registerBeanDefinition("embeddedRedisConnectionDetails", details);
		RootBeanDefinition stopper = new RootBeanDefinition(ServerStopper.class, () -> new ServerStopper(server));
		registry.registerBeanDefinition("embeddedRedisServerStopper", stopper);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof EmbeddedRedisContextCustomizer customizer && customizer.testClass == this.testClass;
	}

	@Override
	public int hashCode() {
		return this.testClass.hashCode();
	}

	/**
	 * Stops the server in the last lifecycle phase, after the handlers stopped.
	 */
	static final class ServerStopper implements SmartLifecycle {

		private final RedisServerProcess server;

		private volatile boolean running;

		ServerStopper(RedisServerProcess server) {
			this.server = server;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.server.close();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
