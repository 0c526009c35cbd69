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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a processor's handler tasks on an executor, at most {@code concurrency} at once.
 * The limit is a semaphore, not a pool size, so it holds on any executor, virtual threads
 * included. A worker that finishes a task takes the next queued one itself rather than
 * waking another thread; it is a task on the executor only while there is work.
 * <p>
 * Waking a parked worker for each entry is what costs latency at low rates. So, with a
 * pool of its own (not on an application's executor), the fetch thread runs the last task
 * of a read itself when no task was running and tasks have been quick (a moving mean
 * under {@link #QUICK}): the fetch thread is awake anyway, and a quick task delays the
 * next read by less than a wake-up would. The price: a task that is unusually slow while
 * it runs there delays the next read by its duration.
 *
 * @param <T> the task type
 */
final class Workers<T extends Runnable> {

	/**
	 * How long a thread of the own pool waits for work before it ends.
	 */
	static final Duration IDLE_THREAD_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(Workers.class);

	/**
	 * How quick tasks must have been, on average, for the fetch thread to run one.
	 */
	static final Duration QUICK = Duration.ofMillis(1);

	private static final long QUICK_NANOS = QUICK.toNanos();

	private final Queue<T> queue = new ConcurrentLinkedQueue<>();

	private final Set<Thread> running = ConcurrentHashMap.newKeySet();

	private final Set<Thread> replaced = ConcurrentHashMap.newKeySet();

	private final int concurrency;

	private final Semaphore permits;

	private final Executor executor;

	private final @Nullable ExecutorService ownPool;

	private final Consumer<List<T>> rejected;

	/**
	 * Moving mean of task durations, negative before the first one ended; updated by
	 * several threads without a lock, which may lose an update now and then: it only
	 * steers where tasks run.
	 */
	private volatile long meanNanos = -1;

	/**
	 * Create workers on the given executor, or, if {@code null}, on a pool of up to
	 * {@code concurrency} daemon threads of their own named {@code threadPrefix-<n>},
	 * each ended after {@link #IDLE_THREAD_TIMEOUT} without work, so that an idle handler
	 * keeps none.
	 * @param rejected takes back tasks that the executor refused
	 */
	Workers(int concurrency, @Nullable Executor executor, String threadPrefix, Consumer<List<T>> rejected) {
		this.concurrency = concurrency;
		this.permits = new Semaphore(concurrency);
		this.ownPool = (executor != null) ? null : ownPool(concurrency, threadPrefix);
		this.executor = (executor != null) ? executor : this.ownPool;
		this.rejected = rejected;
	}

	/**
	 * Queue tasks and start as many workers as there are free permits.
	 */
	void submit(List<T> tasks) {
		this.queue.addAll(tasks);
		startWorkers(tasks.size());
	}

	/**
	 * Let another worker run in place of one whose task outlived its timeout: the stuck
	 * worker's permit passes to a new worker now (on a pool of their own, with a thread
	 * more), and the stuck worker ends without releasing it when its task returns.
	 */
	void replace(Thread stuck) {
		if (!this.running.contains(stuck) || !this.replaced.add(stuck)) {
			return;
		}
		resizeOwnPool(1);
		this.permits.release();
		startWorkers(this.queue.size());
	}

	/**
	 * Start up to {@code wanted} workers, as many as there are free permits: no more than
	 * there are tasks, since a worker started has not taken its task yet when the next is
	 * started.
	 */
	private void startWorkers(int wanted) {
		for (int started = 0; started < wanted && !this.queue.isEmpty() && this.permits.tryAcquire(); started++) {
			try {
				this.executor.execute(this::work);
			}
			catch (RejectedExecutionException ex) {
				this.permits.release();
				logger.error("The handler executor refused a task; handing back {} entries", this.queue.size(), ex);
				this.rejected.accept(takeQueued());
				return;
			}
		}
	}

	/**
	 * Like {@link #submit}, but with a pool of its own the calling thread runs the last
	 * task itself when no task was running and tasks have been quick.
	 */
	void submitOrRunLast(List<T> tasks) {
		long mean = this.meanNanos;
		if (this.ownPool == null || tasks.isEmpty() || mean < 0 || mean > QUICK_NANOS
				|| this.permits.availablePermits() < this.concurrency) {
			submit(tasks);
			return;
		}
		T last = tasks.get(tasks.size() - 1);
		submit(tasks.subList(0, tasks.size() - 1));
		if (!this.permits.tryAcquire()) {
			submit(List.of(last));
			return;
		}
		Thread thread = Thread.currentThread();
		this.running.add(thread);
		try {
			run(last);
		}
		finally {
			this.running.remove(thread);
			if (this.replaced.remove(thread)) {
				// the task timed out: a worker took over the permit
				resizeOwnPool(-1);
			}
			else {
				this.permits.release();
			}
		}
		// queued while this thread held the permit that a worker would have used
		submit(List.of());
	}

	/**
	 * Take the tasks that no worker has started.
	 */
	List<T> takeQueued() {
		List<T> tasks = new ArrayList<>();
		for (T task = this.queue.poll(); task != null; task = this.queue.poll()) {
			tasks.add(task);
		}
		return tasks;
	}

	/**
	 * How many tasks run now.
	 */
	int active() {
		return this.concurrency - this.permits.availablePermits();
	}

	/**
	 * Wait for running tasks to end; after the timeout, interrupt them.
	 * @return whether they ended within the timeout
	 */
	boolean stop(Duration timeout) throws InterruptedException {
		boolean ended = this.permits.tryAcquire(this.concurrency, timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (ended) {
			this.permits.release(this.concurrency);
		}
		else {
			this.running.forEach(Thread::interrupt);
		}
		if (this.ownPool != null) {
			this.ownPool.shutdownNow();
		}
		return ended;
	}

	private void work() {
		Thread thread = Thread.currentThread();
		this.running.add(thread);
		boolean holding = true;
		try {
			while (holding) {
				T task = this.queue.poll();
				if (task != null) {
					try {
						run(task);
					}
					finally {
						if (this.replaced.remove(thread)) {
							// another worker holds this one's permit since the task timed
							// out
							holding = false;
							resizeOwnPool(-1);
						}
					}
					continue;
				}
				this.permits.release();
				holding = false;
				// a task queued after the poll above, while every permit was taken
				if (!this.queue.isEmpty() && this.permits.tryAcquire()) {
					holding = true;
				}
			}
		}
		finally {
			if (holding) {
				this.permits.release();
			}
			this.running.remove(thread);
		}
	}

	private void run(T task) {
		long start = System.nanoTime();
		try {
			task.run();
		}
		finally {
			long elapsed = System.nanoTime() - start;
			long mean = this.meanNanos;
			this.meanNanos = (mean < 0) ? elapsed : mean + (elapsed - mean) / 8;
		}
	}

	private void resizeOwnPool(int delta) {
		if (this.ownPool instanceof ThreadPoolExecutor pool) {
			synchronized (pool) {
				if (delta > 0) {
					pool.setMaximumPoolSize(pool.getMaximumPoolSize() + delta);
					pool.setCorePoolSize(pool.getCorePoolSize() + delta);
				}
				else {
					pool.setCorePoolSize(pool.getCorePoolSize() + delta);
					pool.setMaximumPoolSize(pool.getMaximumPoolSize() + delta);
				}
			}
		}
	}

	private static ExecutorService ownPool(int concurrency, String threadPrefix) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, IDLE_THREAD_TIMEOUT.toMillis(),
				TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemonThreads(threadPrefix));
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
