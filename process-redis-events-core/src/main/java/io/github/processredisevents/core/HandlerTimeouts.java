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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Enforces the handler timeout. When a handler call outlives it, its item is marked
 * cancelled, another worker is started in its place so that the processor keeps its
 * concurrency, the worker thread is interrupted, and the attempt is failed at once by the
 * caller's callback. A handler that ignores the interrupt thus holds neither its entry
 * nor a worker slot: it runs on until it returns, its result is ignored, and its thread
 * then ends.
 */
final class HandlerTimeouts {

	private final @Nullable Duration timeout;

	private final ScheduledExecutorService scheduler;

	private final Spares spares;

	HandlerTimeouts(@Nullable Duration timeout, ScheduledExecutorService scheduler, Spares spares) {
		this.timeout = timeout;
		this.scheduler = scheduler;
		this.spares = spares;
	}

	/**
	 * Start timing a handler call on the current thread.
	 * @param items the items the handler runs with (one, or a batch)
	 * @param onTimeout fails the attempt when the timeout passes
	 * @return the attempt, to {@link Attempt#finish() finish} when the handler returns
	 */
	Attempt start(List<? extends DefaultQueueItem<?>> items, Runnable onTimeout) {
		Attempt attempt = new Attempt(Thread.currentThread(), items, onTimeout);
		if (this.timeout != null) {
			attempt.watch(this.timeout);
		}
		return attempt;
	}

	/**
	 * One handler call under a timeout.
	 */
	final class Attempt {

		private final Thread thread;

		private final List<? extends DefaultQueueItem<?>> items;

		private final Runnable onTimeout;

		private @Nullable ScheduledFuture<?> watchdog;

		private boolean finished;

		private boolean timedOut;

		Attempt(Thread thread, List<? extends DefaultQueueItem<?>> items, Runnable onTimeout) {
			this.thread = thread;
			this.items = items;
			this.onTimeout = onTimeout;
		}

		private synchronized void watch(Duration timeout) {
			try {
				this.watchdog = HandlerTimeouts.this.scheduler.schedule(this::expire, timeout.toNanos(),
						TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// stopping: the handler runs without a timeout, as stopping waits for it
			}
		}

		/**
		 * End the call on its worker thread.
		 * @return whether the attempt is still the caller's to settle; {@code false} when
		 * it timed out and was failed already
		 */
		synchronized boolean finish() {
			this.finished = true;
			if (!this.timedOut) {
				if (this.watchdog != null) {
					this.watchdog.cancel(false);
				}
				return true;
			}
			// the timeout's interrupt was delivered under this lock: clear it so that it
			// does not reach the worker's next entry
			Thread.interrupted();
			return false;
		}

		private void expire() {
			synchronized (this) {
				if (this.finished) {
					return;
				}
				this.timedOut = true;
				this.items.forEach(DefaultQueueItem::timedOut);
				HandlerTimeouts.this.spares.replace(this.thread);
				this.thread.interrupt();
			}
			this.onTimeout.run();
		}

	}

	/**
	 * Stands in for a worker whose handler outlived its timeout.
	 */
	@FunctionalInterface
	interface Spares {

		/**
		 * Let another worker run in place of the given thread, which still runs a handler
		 * that timed out; the thread ends when the handler returns.
		 * @param stuck the thread of the timed-out handler
		 */
		void replace(Thread stuck);

	}

}
