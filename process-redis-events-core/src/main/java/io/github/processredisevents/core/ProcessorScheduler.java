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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One processor's view of the engine's shared scheduler: its lease heartbeats, retry
 * timers, handler timeouts and housekeeping run on the engine's few scheduler threads,
 * and {@link #shutdownNow()} cancels this processor's tasks only, leaving the threads to
 * the other processors.
 */
final class ProcessorScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final ScheduledExecutorService shared;

	private final Set<Future<?>> tasks = ConcurrentHashMap.newKeySet();

	private volatile boolean shutDown;

	ProcessorScheduler(ScheduledExecutorService shared) {
		this.shared = shared;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return track(() -> this.shared.schedule(command, delay, unit));
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return track(() -> this.shared.schedule(callable, delay, unit));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return track(() -> this.shared.scheduleAtFixedRate(command, initialDelay, period, unit));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return track(() -> this.shared.scheduleWithFixedDelay(command, initialDelay, delay, unit));
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public void shutdown() {
		shutdownNow();
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutDown = true;
		for (Future<?> task : this.tasks) {
			task.cancel(false);
		}
		this.tasks.clear();
		return new ArrayList<>();
	}

	@Override
	public boolean isShutdown() {
		return this.shutDown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutDown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return this.shutDown;
	}

	private <F extends Future<?>> F track(Supplier<F> scheduling) {
		if (this.shutDown) {
			throw new RejectedExecutionException("The processor has stopped");
		}
		if (this.tasks.size() > 64) {
			// one-shot tasks that ran: forget them
			for (Iterator<Future<?>> it = this.tasks.iterator(); it.hasNext();) {
				if (it.next().isDone()) {
					it.remove();
				}
			}
		}
		F future = scheduling.get();
		this.tasks.add(future);
		if (this.shutDown) {
			future.cancel(false);
		}
		return future;
	}

}
