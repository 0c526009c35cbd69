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

package io.github.processredisevents.core;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import redis.clients.jedis.UnifiedJedis;

/**
 * The threads that all processors of one engine share, so that a handler costs one thread
 * of its own (its blocking read) besides the workers that run its entries: one
 * {@link AcknowledgementSender} and a scheduler of two daemon threads
 * ({@code redis-events-scheduler-<n>}) for lease heartbeats, retry timers, handler
 * timeouts and housekeeping. Threads start on first use.
 */
final class SharedThreads implements AutoCloseable {

	static final int SCHEDULER_THREADS = 2;

	private final DeadThreads deadThreads = new DeadThreads();

	private final AcknowledgementSender acknowledgements;

	private final ScheduledThreadPoolExecutor scheduler;

	SharedThreads(UnifiedJedis jedis) {
		this.acknowledgements = new AcknowledgementSender(jedis, this.deadThreads);
		this.scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, daemonThreads("redis-events-scheduler"));
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	AcknowledgementSender acknowledgements() {
		return this.acknowledgements;
	}

	/**
	 * A view of the shared scheduler for one processor, whose tasks it cancels on stop.
	 */
	ProcessorScheduler scheduler() {
		return new ProcessorScheduler(this.scheduler);
	}

	/**
	 * The shared threads that an {@code Error} has ended.
	 */
	DeadThreads deadThreads() {
		return this.deadThreads;
	}

	@Override
	public void close() {
		this.acknowledgements.close();
		this.scheduler.shutdownNow();
	}

	static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
