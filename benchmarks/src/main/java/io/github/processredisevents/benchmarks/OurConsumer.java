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

package io.github.processredisevents.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import org.jspecify.annotations.Nullable;

/**
 * This library: a {@link StreamProcessor} with the given options.
 */
final class OurConsumer implements QueueConsumer {

	private final RedisEvents events;

	private final ProcessOptions.Builder<Order> options;

	private final @Nullable Supplier<ExecutorService> executor;

	private @Nullable ExecutorService started;

	private @Nullable StreamProcessor processor;

	OurConsumer(RedisEvents events, ProcessOptions.Builder<Order> options) {
		this(events, options, null);
	}

	/**
	 * A consumer whose handlers run on an executor of the application's, created at start
	 * and shut down at close.
	 */
	OurConsumer(RedisEvents events, ProcessOptions.Builder<Order> options,
			@Nullable Supplier<ExecutorService> executor) {
		this.events = events;
		this.options = options;
		this.executor = executor;
	}

	/**
	 * Options for a processor of orders, from the oldest entry, with the given batch
	 * size, concurrency and events setting.
	 */
	static ProcessOptions.Builder<Order> options(int batchSize, int concurrency, boolean produceEvents) {
		return ProcessOptions.builder(Order.class)
			.group("unused")
			.batchSize(batchSize)
			.concurrency(concurrency)
			.startFrom(StartFrom.OLDEST)
			.produceEvents(produceEvents);
	}

	@Override
	public void start(String key, String group, Consumer<Order> onEntry) {
		String name = key.substring(this.events.keyPrefix().length());
		this.started = (this.executor != null) ? this.executor.get() : null;
		this.processor = this.events.stream(name)
			.process(this.options.group(group).executor(this.started).build(), (item) -> onEntry.accept(item.data()));
		try {
			if (!this.processor.awaitRunning(Duration.ofSeconds(10))) {
				throw new IllegalStateException("Processor did not start");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	StreamProcessor processor() {
		if (this.processor == null) {
			throw new IllegalStateException("Not started");
		}
		return this.processor;
	}

	@Override
	public void close() {
		if (this.processor != null) {
			this.processor.stop();
		}
		if (this.started != null) {
			this.started.shutdownNow();
		}
	}

}
