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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The servers of the test classes annotated with {@link EmbeddedRedis} that run now, and
 * who stops each: the JUnit extension after the class, or the Spring application context
 * that was handed the server when it closes (whichever comes last would find the server
 * already closed otherwise).
 */
final class EmbeddedRedisServers {

	private static final Map<Class<?>, Running> running = new ConcurrentHashMap<>();

	private EmbeddedRedisServers() {
	}

	/**
	 * The server of a test class, started on first use.
	 * @param testClass the annotated test class
	 * @return the server
	 */
	static RedisServerProcess serverFor(Class<?> testClass) {
		return running.computeIfAbsent(testClass, (key) -> new Running(RedisServerProcess.start(config(key)))).server;
	}

	/**
	 * Hand the server of a test class to a Spring application context, which stops it
	 * when it closes.
	 * @param testClass the annotated test class
	 * @return the server
	 */
	static RedisServerProcess handToContext(Class<?> testClass) {
		serverFor(testClass);
		Running entry = running.get(testClass);
		entry.ownedByContext = true;
		return entry.server;
	}

	/**
	 * The class has finished: stop its server unless a context owns it.
	 * @param testClass the annotated test class
	 */
	static void classFinished(Class<?> testClass) {
		Running entry = running.remove(testClass);
		if (entry != null && !entry.ownedByContext) {
			entry.server.close();
		}
	}

	private static Map<String, String> config(Class<?> testClass) {
		Map<String, String> config = new LinkedHashMap<>();
		EmbeddedRedis annotation = findAnnotation(testClass);
		if (annotation != null) {
			for (String directive : annotation.config()) {
				String[] parts = directive.strip().split("\\s+", 2);
				if (parts.length != 2) {
					throw new IllegalArgumentException("@EmbeddedRedis on " + testClass.getName()
							+ ": config directive '" + directive + "' must be 'name value', such as 'appendonly yes'");
				}
				config.put(parts[0], parts[1]);
			}
		}
		return config;
	}

	private static @Nullable EmbeddedRedis findAnnotation(Class<?> testClass) {
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			EmbeddedRedis annotation = type.getAnnotation(EmbeddedRedis.class);
			if (annotation != null) {
				return annotation;
			}
		}
		return null;
	}

	private static final class Running {

		private final RedisServerProcess server;

		private volatile boolean ownedByContext;

		Running(RedisServerProcess server) {
			this.server = server;
		}

	}

}
