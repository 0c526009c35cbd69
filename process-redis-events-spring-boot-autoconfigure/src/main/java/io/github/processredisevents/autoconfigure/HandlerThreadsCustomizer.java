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

import io.github.processredisevents.core.ProcessOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;

/**
 * Runs handlers the way Spring Boot runs listeners: on virtual threads named
 * {@code redis-events-<handler id>-worker-<n>} when
 * {@code spring.threads.virtual.enabled} is on (Java 21 or later), and through the
 * application's {@link TaskDecorator}, if it has one. It runs before the application's
 * own customizers, which can replace either.
 */
final class HandlerThreadsCustomizer implements ProcessOptionsCustomizer {

	private final boolean virtualThreads;

	private final @Nullable TaskDecorator taskDecorator;

	HandlerThreadsCustomizer(boolean virtualThreads, @Nullable TaskDecorator taskDecorator) {
		this.virtualThreads = virtualThreads;
		this.taskDecorator = taskDecorator;
	}

	@Override
	public void customize(String handlerId, ProcessOptions.Builder<?> builder) {
		if (this.virtualThreads) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("redis-events-" + handlerId + "-worker-");
			executor.setVirtualThreads(true);
			builder.executor(executor);
		}
		if (this.taskDecorator != null) {
			builder.taskDecorator(this.taskDecorator::decorate);
		}
	}

}
