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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sends the acknowledgements and events of every processor of one engine on one daemon
 * thread, {@code redis-events-acknowledger}: each round puts the new batch of every
 * {@link Acknowledger} that has one into one pipeline (a cluster pipeline splits it by
 * node), and sends the batches that failed again on their own, after their back-off, so
 * that one stream whose acknowledgements Redis refuses does not hold back the others. It
 * survives any {@link RuntimeException}; an {@link Error} that ends it is logged and
 * named in every processor's health.
 */
final class AcknowledgementSender {

	static final String THREAD_NAME = "redis-events-acknowledger";

	private static final Logger logger = LoggerFactory.getLogger(AcknowledgementSender.class);

	private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final UnifiedJedis jedis;

	private final DeadThreads deadThreads;

	private final List<Acknowledger> acknowledgers = new CopyOnWriteArrayList<>();

	private final AtomicBoolean work = new AtomicBoolean();

	private final Object lifecycle = new Object();

	private volatile Thread thread;

	private volatile boolean running = true;

	private volatile boolean dead;

	AcknowledgementSender(UnifiedJedis jedis, DeadThreads deadThreads) {
		this.jedis = jedis;
		this.deadThreads = deadThreads;
	}

	void register(Acknowledger acknowledger) {
		this.acknowledgers.add(acknowledger);
		synchronized (this.lifecycle) {
			if (this.thread == null && this.running) {
				Thread thread = new Thread(this::run, THREAD_NAME);
				thread.setDaemon(true);
				thread.start();
				this.thread = thread;
			}
		}
	}

	void unregister(Acknowledger acknowledger) {
		this.acknowledgers.remove(acknowledger);
	}

	/**
	 * Something was queued: send it soon.
	 */
	void wake() {
		if (!this.work.getAndSet(true)) {
			Thread current = this.thread;
			if (current != null) {
				LockSupport.unpark(current);
			}
		}
	}

	/**
	 * Whether an {@code Error} ended the thread, so that nothing will be sent.
	 */
	boolean isDead() {
		return this.dead;
	}

	/**
	 * Stop the thread (after the processors have stopped).
	 */
	void close() {
		synchronized (this.lifecycle) {
			this.running = false;
			Thread current = this.thread;
			if (current != null) {
				LockSupport.unpark(current);
			}
		}
	}

	private void run() {
		try {
			while (this.running) {
				long wait = sendRound();
				if (!this.work.getAndSet(false)) {
					LockSupport.parkNanos(this, wait);
				}
			}
		}
		catch (Error ex) {
			this.dead = true;
			this.deadThreads.died("acknowledger", ex);
		}
	}

	/**
	 * Send what is due.
	 * @return how long to wait for more, in nanoseconds
	 */
	private long sendRound() {
		long now = System.nanoTime();
		List<Acknowledger> fresh = new ArrayList<>();
		List<Acknowledger> retries = new ArrayList<>();
		for (Acknowledger acknowledger : this.acknowledgers) {
			switch (acknowledger.next(now)) {
				case SEND -> fresh.add(acknowledger);
				case RETRY -> retries.add(acknowledger);
				case NONE -> {
				}
			}
		}
		if (!fresh.isEmpty()) {
			sendPipelined(fresh);
		}
		for (Acknowledger acknowledger : retries) {
			try {
				acknowledger.sendOneByOne(this.jedis);
				acknowledger.sent();
			}
			catch (RuntimeException ex) {
				acknowledger.failed(ex);
			}
		}
		long wait = IDLE_WAIT_NANOS;
		for (Acknowledger acknowledger : this.acknowledgers) {
			long delay = acknowledger.retryDelay(now);
			if (delay >= 0) {
				wait = Math.min(wait, delay);
			}
		}
		return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
	}

	private void sendPipelined(List<Acknowledger> batches) {
		try (AbstractPipeline pipeline = this.jedis.pipelined()) {
			for (Acknowledger acknowledger : batches) {
				acknowledger.appendTo(pipeline);
			}
			pipeline.sync();
		}
		catch (RuntimeException ex) {
			logger.debug("A pipeline of acknowledgements failed", ex);
			batches.forEach((acknowledger) -> acknowledger.failed(ex));
			return;
		}
		for (Acknowledger acknowledger : batches) {
			try {
				acknowledger.checkResponses();
				acknowledger.sent();
			}
			catch (RuntimeException ex) {
				acknowledger.failed(ex);
			}
		}
	}

}
