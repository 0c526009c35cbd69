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
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * The acknowledgements and events of one processor, sent in batches by the engine's
 * {@link AcknowledgementSender}: whatever has queued up goes in one pipeline
 * ({@code XACK} with every id, then one {@code XADD} per event, in the order they were
 * queued), beside the batches of the engine's other processors. A batch is sent again
 * until Redis confirms it: any {@link RuntimeException} (a lost connection, or a response
 * that cannot be read, as a cluster pipeline leaves after a failover) is logged once and
 * retried with back-off, with plain commands that follow a cluster's new topology.
 */
final class Acknowledger {

	private static final Logger logger = LoggerFactory.getLogger(Acknowledger.class);

	static final int MAX_BATCH = 4096;

	private static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private static final Duration MAX_STALL = Duration.ofSeconds(10);

	private final AcknowledgementSender sender;

	private final StreamKeys keys;

	private final String group;

	private final @Nullable TrimPolicy eventTrim;

	private final long stallNanos;

	private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final ReentrantLock sentLock = new ReentrantLock();

	private final Condition sent = this.sentLock.newCondition();

	// the batch being sent, and its retries: touched by the sender's thread only

	private final List<Object> batch = new ArrayList<>();

	private @Nullable Response<Long> acked;

	private final List<Response<StreamEntryID>> events = new ArrayList<>();

	private int failures;

	private long nextAttempt;

	private volatile int sending;

	private volatile long lastProgress = System.nanoTime();

	private volatile @Nullable String lastError;

	private volatile boolean stopping;

	Acknowledger(AcknowledgementSender sender, StreamKeys keys, String group, @Nullable TrimPolicy eventTrim,
			Duration lease) {
		this.sender = sender;
		this.keys = keys;
		this.group = group;
		this.eventTrim = eventTrim;
		this.stallNanos = Math.max(Duration.ofSeconds(1).toNanos(), Math.min(lease.toNanos(), MAX_STALL.toNanos()));
	}

	void start() {
		this.sender.register(this);
	}

	void ack(String id) {
		add(new Ack(id));
	}

	void event(String json) {
		add(new Event(json));
	}

	private void add(Object op) {
		if (unsent() == 0) {
			this.lastProgress = System.nanoTime();
		}
		this.queue.add(op);
		this.queued.incrementAndGet();
		this.sender.wake();
	}

	/**
	 * How many acknowledgements and events wait to be sent, or are being sent.
	 */
	long unsent() {
		return this.queued.get() + this.sending;
	}

	/**
	 * Whether some wait and none could be sent for a while (the lesser of the lease and
	 * 10 s).
	 */
	boolean stalled() {
		return unsent() > 0 && System.nanoTime() - this.lastProgress > this.stallNanos;
	}

	/**
	 * The last error sending met, if the last attempt failed.
	 */
	@Nullable String lastError() {
		return this.lastError;
	}

	/**
	 * Wait until no more than one batch waits to be sent, so that a fetch loop faster
	 * than Redis cannot grow the pending list (and this queue) without bound.
	 * @return whether the backlog is small enough
	 */
	boolean awaitBacklogBelowOneBatch(Duration timeout) throws InterruptedException {
		return awaitQueuedBelow(MAX_BATCH, timeout);
	}

	/**
	 * Send what is queued and stop, waiting at most {@code timeout}.
	 */
	void stop(Duration timeout) throws InterruptedException {
		this.stopping = true;
		this.sender.wake();
		awaitSent(timeout);
		this.sender.unregister(this);
		long unsent = unsent();
		if (unsent > 0) {
			logger.warn("Stopped with {} acknowledgements/events unsent on stream '{}'; unacknowledged entries"
					+ " will be delivered again", unsent, this.keys.name());
		}
	}

	private boolean awaitQueuedBelow(int limit, Duration timeout) throws InterruptedException {
		if (this.queued.get() < limit) {
			return true;
		}
		long remaining = timeout.toNanos();
		this.sentLock.lock();
		try {
			while (this.queued.get() >= limit) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.sent.awaitNanos(remaining);
			}
			return true;
		}
		finally {
			this.sentLock.unlock();
		}
	}

	private void awaitSent(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.sentLock.lock();
		try {
			while (unsent() > 0 && !this.sender.isDead()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				this.sent.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
			}
		}
		finally {
			this.sentLock.unlock();
		}
	}

	// what follows runs on the sender's thread

	/**
	 * What the sender should do now: send a new batch in the shared pipeline, send a
	 * failed batch again on its own, or nothing.
	 * @param now {@link System#nanoTime()}
	 */
	Step next(long now) {
		if (!this.batch.isEmpty()) {
			return (now - this.nextAttempt >= 0) ? Step.RETRY : Step.NONE;
		}
		for (Object op = this.queue.poll(); op != null; op = this.queue.poll()) {
			this.queued.decrementAndGet();
			this.batch.add(op);
			if (this.batch.size() >= MAX_BATCH) {
				break;
			}
		}
		this.sending = this.batch.size();
		return this.batch.isEmpty() ? Step.NONE : Step.SEND;
	}

	/**
	 * Nanoseconds until a failed batch may be sent again, or -1 without one.
	 */
	long retryDelay(long now) {
		return this.batch.isEmpty() ? -1 : Math.max(0, this.nextAttempt - now);
	}

	/**
	 * Add this batch to the shared pipeline.
	 */
	void appendTo(AbstractPipeline pipeline) {
		List<StreamEntryID> ids = ids();
		this.acked = ids.isEmpty() ? null
				: pipeline.xack(this.keys.stream(), this.group, ids.toArray(StreamEntryID[]::new));
		this.events.clear();
		for (Object op : this.batch) {
			if (op instanceof Event event) {
				this.events
					.add(pipeline.xadd(this.keys.events(), eventParams(), Map.of(WireCodec.DATA_FIELD, event.json())));
			}
		}
	}

	/**
	 * Read this batch's responses once the pipeline is synced: a pipeline reports errors
	 * only there.
	 */
	void checkResponses() {
		if (this.acked != null) {
			try {
				this.acked.get();
			}
			catch (JedisDataException ex) {
				onRefusedAcknowledgements(ex);
			}
		}
		int failed = 0;
		String error = null;
		for (Response<StreamEntryID> event : this.events) {
			try {
				event.get();
			}
			catch (JedisDataException ex) {
				failed++;
				error = ex.getMessage();
			}
		}
		logRefusedEvents(failed, error);
	}

	/**
	 * Send a batch that failed in a pipeline again with plain commands: their executor
	 * follows redirections and learns a cluster's new topology after a failover, which a
	 * cluster pipeline does not.
	 */
	void sendOneByOne(UnifiedJedis jedis) {
		List<StreamEntryID> ids = ids();
		if (!ids.isEmpty()) {
			try {
				jedis.xack(this.keys.stream(), this.group, ids.toArray(StreamEntryID[]::new));
			}
			catch (JedisDataException ex) {
				onRefusedAcknowledgements(ex);
			}
		}
		int failed = 0;
		String error = null;
		for (Object op : this.batch) {
			if (op instanceof Event event) {
				try {
					jedis.xadd(this.keys.events(), eventParams(), Map.of(WireCodec.DATA_FIELD, event.json()));
				}
				catch (JedisDataException ex) {
					failed++;
					error = ex.getMessage();
				}
			}
		}
		logRefusedEvents(failed, error);
	}

	/**
	 * Redis confirmed the batch.
	 */
	void sent() {
		if (this.failures > 0) {
			logger.info("Redis answers again; sent {} delayed acknowledgements/events on stream '{}'",
					this.batch.size(), this.keys.name());
		}
		this.failures = 0;
		this.lastError = null;
		done();
	}

	/**
	 * The batch could not be sent: retry it after a back-off (on its own, with plain
	 * commands), or give it up while stopping.
	 */
	void failed(RuntimeException ex) {
		this.failures++;
		this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		if (this.failures == 1) {
			logFirstFailure(ex);
		}
		if (this.stopping && this.failures >= 3) {
			logger.warn("Giving up on {} acknowledgements/events on stream '{}' while stopping; unacknowledged"
					+ " entries will be delivered again", this.batch.size(), this.keys.name());
			this.queued.addAndGet(-this.queue.size());
			this.queue.clear();
			done();
			return;
		}
		this.nextAttempt = System.nanoTime() + RETRY_DELAY.toNanos() * Math.min(this.failures, 10);
	}

	private void done() {
		this.batch.clear();
		this.events.clear();
		this.acked = null;
		this.sending = 0;
		this.lastProgress = System.nanoTime();
		this.sentLock.lock();
		try {
			this.sent.signalAll();
		}
		finally {
			this.sentLock.unlock();
		}
	}

	private List<StreamEntryID> ids() {
		List<StreamEntryID> ids = new ArrayList<>();
		for (Object op : this.batch) {
			if (op instanceof Ack ack) {
				ids.add(new StreamEntryID(ack.id()));
			}
		}
		return ids;
	}

	private void logFirstFailure(RuntimeException ex) {
		if (ex instanceof JedisException) {
			logger.warn("Could not send {} acknowledgements/events on stream '{}' ({}); retrying", this.batch.size(),
					this.keys.name(), this.lastError);
		}
		else {
			// not what a lost connection gives: say where it came from, once
			logger.warn("Could not send {} acknowledgements/events on stream '{}' ({}); retrying", this.batch.size(),
					this.keys.name(), this.lastError, ex);
		}
	}

	/**
	 * An acknowledgement Redis refused (say, for a missing permission) is retried like a
	 * lost connection, not dropped; one for a group that is gone has nothing left to do.
	 */
	private void onRefusedAcknowledgements(JedisDataException ex) {
		if (RedisReplies.isNoGroup(ex)) {
			logger.warn("Consumer group '{}' of stream '{}' is gone; {} acknowledgements have nothing left to"
					+ " acknowledge", this.group, this.keys.name(), ids().size());
			return;
		}
		throw RedisErrors.describe("XACK", this.keys.stream(), ex);
	}

	/**
	 * Events are informative: one Redis refused (say, at maxmemory) is logged, and never
	 * holds back acknowledgements.
	 */
	private void logRefusedEvents(int failed, @Nullable String error) {
		if (failed > 0) {
			logger.warn("Redis refused {} events for '{}': {}", failed, this.keys.events(), error);
		}
	}

	private XAddParams eventParams() {
		XAddParams params = XAddParams.xAddParams();
		if (this.eventTrim != null) {
			this.eventTrim.applyTo(params);
		}
		return params;
	}

	/**
	 * What the sender does with an acknowledger's batch.
	 */
	enum Step {

		/** Nothing to send now. */
		NONE,

		/** A new batch: in the shared pipeline. */
		SEND,

		/** A failed batch whose back-off has passed: on its own, with plain commands. */
		RETRY

	}

	private record Ack(String id) {
	}

	private record Event(String json) {
	}

}
