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

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit side of {@link EmbeddedRedis}: starts the class's server before its tests,
 * resolves {@link RedisServerProcess} and {@link TestStreams} parameters, and stops the
 * server after the class (unless a Spring application context owns it).
 */
final class EmbeddedRedisExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedRedisExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		EmbeddedRedisServers.serverFor(context.getRequiredTestClass());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestStreams streams = context.getStore(NAMESPACE).remove(TestStreams.class, TestStreams.class);
		if (streams != null) {
			streams.close();
		}
		EmbeddedRedisServers.classFinished(context.getRequiredTestClass());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == RedisServerProcess.class || type == TestStreams.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> testClass = testClass(context);
		RedisServerProcess server = EmbeddedRedisServers.serverFor(testClass);
		if (parameter.getParameter().getType() == RedisServerProcess.class) {
			return server;
		}
		return classContext(context).getStore(NAMESPACE)
			.computeIfAbsent(TestStreams.class, (key) -> TestStreams.connect(server), TestStreams.class);
	}

	private static Class<?> testClass(ExtensionContext context) {
		return classContext(context).getRequiredTestClass();
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
