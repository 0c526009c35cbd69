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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where handlers run: on the application's executor when one is given, else on a pool of
 * the processor's own; at most {@code concurrency} at once either way; every call wrapped
 * by the task decorator.
 */
class HandlerExecutionIntegrationTests extends RedisEventsTestSupport {

	private final AtomicInteger threadCount = new AtomicInteger();

	private final ExecutorService unbounded = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "application-" + this.threadCount.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	@AfterEach
	void shutDownExecutor() {
		this.unbounded.shutdownNow();
	}

	@Test
	void runsHandlersOnTheGivenExecutor() {
		List<String> threads = new CopyOnWriteArrayList<>();
		process(options(Order.class).executor(this.unbounded).build(),
				(item) -> threads.add(Thread.currentThread().getName()));
		// one at a time: even a quick handler at a low rate runs on the application's
		// threads, never on the fetch thread
		for (int i = 0; i < 5; i++) {
			this.stream.add(new Order("o-" + i, i));
			int handled = i + 1;
			await().atMost(WAIT).until(() -> threads.size() == handled);
		}
		assertThat(threads).allMatch((name) -> name.startsWith("application-"));
		awaitNothingPending("workers");
	}

	@Test
	void withoutAnExecutorHandlersRunOnThreadsNamedAfterStreamAndGroup() {
		List<String> threads = new CopyOnWriteArrayList<>();
		process(options(Order.class).build(), (item) -> threads.add(Thread.currentThread().getName()));
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> threads.size() == 1);
		assertThat(threads.get(0)).startsWith("redis-events-" + this.stream.name() + "-workers-worker-");
	}

	@Test
	void withoutAnExecutorTheFetchThreadRunsQuickHandlersItselfAtALowRate() {
		List<String> threads = new CopyOnWriteArrayList<>();
		process(options(Order.class).build(), (item) -> threads.add(Thread.currentThread().getName()));
		for (int i = 0; i < 10; i++) {
			this.stream.add(new Order("o-" + i, i));
			int handled = i + 1;
			await().atMost(WAIT).until(() -> threads.size() == handled);
		}
		// the first shows how long the handler takes, on a worker; later ones need no
		// wake-up (on a loaded machine, a preempted call can send a few back to workers)
		assertThat(threads.get(0)).contains("-worker-");
		assertThat(threads.subList(1, 10)).anyMatch((name) -> name.endsWith("-fetch"));
		awaitNothingPending("workers");
	}

	@Test
	void theFetchThreadLeavesSlowHandlersToWorkers() {
		List<String> threads = new CopyOnWriteArrayList<>();
		process(options(Order.class).build(), (item) -> {
			Thread.sleep(Workers.QUICK.toMillis() * 5);
			threads.add(Thread.currentThread().getName());
		});
		for (int i = 0; i < 5; i++) {
			this.stream.add(new Order("o-" + i, i));
			int handled = i + 1;
			await().atMost(WAIT).until(() -> threads.size() == handled);
		}
		assertThat(threads).allMatch((name) -> name.contains("-worker-"));
	}

	@Test
	void concurrencyLimitsRunningHandlersOnAnUnboundedExecutor() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		List<String> handled = new CopyOnWriteArrayList<>();
		process(options(Order.class).executor(this.unbounded).concurrency(3).batchSize(20).build(), (item) -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			running.decrementAndGet();
			handled.add(item.data().orderId());
		});
		for (int i = 0; i < 12; i++) {
			this.stream.add(new Order("o-" + i, i));
		}
		await().atMost(WAIT).until(() -> running.get() == 3);
		// more are fetched and queued, and the executor would run them all at once
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> running.get() == 3);
		release.countDown();
		await().atMost(WAIT).until(() -> handled.size() == 12);
		assertThat(mostAtOnce).hasValue(3);
		awaitNothingPending("workers");
	}

	@Test
	void taskDecoratorWrapsEveryHandlerCall() {
		ThreadLocal<String> context = new ThreadLocal<>();
		List<String> seen = new CopyOnWriteArrayList<>();
		process(options(Order.class).taskDecorator((task) -> () -> {
			context.set("decorated");
			try {
				task.run();
			}
			finally {
				context.remove();
			}
		}).build(), (item) -> seen.add(item.data().orderId() + ":" + context.get()));
		for (int i = 0; i < 5; i++) {
			this.stream.add(new Order("o-" + i, i));
		}
		await().atMost(WAIT).until(() -> seen.size() == 5);
		assertThat(seen).allMatch((entry) -> entry.endsWith(":decorated"));
	}

	@Test
	void aFailingTaskDecoratorFailsTheEntryLikeItsHandler() {
		AtomicInteger decorations = new AtomicInteger();
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		process(options(Order.class).taskDecorator((task) -> {
			if (decorations.incrementAndGet() == 1) {
				throw new IllegalStateException("no context");
			}
			return task;
		}).build(), (item) -> attempts.add(item.attempts()));
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> attempts.size() == 1);
		assertThat(attempts).containsExactly(1);
		awaitNothingPending("workers");
	}

	@Test
	void stoppingWaitsForHandlersOnTheGivenExecutorAndLeavesItRunning() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		List<String> finished = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).executor(this.unbounded).build(), (item) -> {
			started.countDown();
			Thread.sleep(300);
			finished.add(item.data().orderId());
		});
		this.stream.add(new Order("o-1", 1));
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		processor.stop();
		assertThat(finished).containsExactly("o-1");
		assertThat(pending("workers")).isZero();
		assertThat(this.unbounded.isShutdown()).isFalse();
	}

	@Test
	void stoppingInterruptsHandlersOnTheGivenExecutorAfterTheShutdownTimeout() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		StreamProcessor processor = process(
				options(Order.class).executor(this.unbounded).shutdownTimeout(Duration.ofMillis(200)).build(),
				(item) -> {
					started.countDown();
					try {
						Thread.sleep(WAIT.toMillis());
					}
					catch (InterruptedException ex) {
						interrupted.countDown();
						throw ex;
					}
				});
		this.stream.add(new Order("o-1", 1));
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		processor.stop();
		assertThat(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

}
