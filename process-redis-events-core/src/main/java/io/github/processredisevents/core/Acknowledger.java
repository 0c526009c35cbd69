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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * Sends acknowledgements and events in batches: one thread drains whatever has queued up
 * and sends it in one pipeline ({@code XACK} with every id, then one {@code XADD} per
 * event, in the order they were queued), so throughput is bounded by Redis rather than by
 * round trips. A batch is sent again until Redis confirms it: any
 * {@link RuntimeException} (a lost connection, or a response that cannot be read, as a
 * cluster pipeline leaves after a failover) is logged once and retried with back-off; it
 * never ends the thread.
 */
final class Acknowledger {

	private static final Logger logger = LoggerFactory.getLogger(Acknowledger.class);

	private static final int MAX_BATCH = 4096;

	private static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private static final Duration MAX_STALL = Duration.ofSeconds(10);

	private final UnifiedJedis jedis;

	private final StreamKeys keys;

	private final String group;

	private final @Nullable TrimPolicy eventTrim;

	private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

	private final ReentrantLock sentLock = new ReentrantLock();

	private final Condition sent = this.sentLock.newCondition();

	private final Thread thread;

	private final DeadThreads deadThreads;

	private final long stallNanos;

	private volatile boolean running = true;

	private volatile int sending;

	private volatile long lastProgress = System.nanoTime();

	private volatile @Nullable String lastError;

	Acknowledger(UnifiedJedis jedis, StreamKeys keys, String group, @Nullable TrimPolicy eventTrim, String threadName,
			DeadThreads deadThreads, Duration lease) {
		this.jedis = jedis;
		this.keys = keys;
		this.group = group;
		this.eventTrim = eventTrim;
		this.deadThreads = deadThreads;
		this.stallNanos = Math.max(Duration.ofSeconds(1).toNanos(), Math.min(lease.toNanos(), MAX_STALL.toNanos()));
		this.thread = new Thread(this::run, threadName);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	void ack(String id) {
		this.queue.add(new Ack(id));
	}

	void event(String json) {
		this.queue.add(new Event(json));
	}

	/**
	 * How many acknowledgements and events wait to be sent, or are being sent.
	 */
	long unsent() {
		return this.queue.size() + this.sending;
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
		if (this.queue.size() < MAX_BATCH) {
			return true;
		}
		long remaining = timeout.toNanos();
		this.sentLock.lock();
		try {
			while (this.queue.size() >= MAX_BATCH) {
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

	/**
	 * Send what is queued and stop, waiting at most {@code timeout}.
	 */
	void stop(Duration timeout) throws InterruptedException {
		this.running = false;
		this.thread.join(Math.max(1, timeout.toMillis()));
		if (this.thread.isAlive()) {
			this.thread.interrupt();
			this.thread.join(1000);
		}
		if (!this.queue.isEmpty()) {
			logger.warn("Stopped with {} acknowledgements/events unsent on stream '{}'; unacknowledged entries"
					+ " will be delivered again", this.queue.size(), this.keys.name());
		}
	}

	private void run() {
		try {
			sendLoop();
		}
		catch (Error ex) {
			this.deadThreads.died("acknowledger", ex);
		}
	}

	private void sendLoop() {
		List<Object> batch = new ArrayList<>();
		while (this.running || !this.queue.isEmpty()) {
			try {
				Object first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					this.lastProgress = System.nanoTime();
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
				this.sending = batch.size();
				sendWithRetry(batch);
				batch.clear();
				this.sending = 0;
				this.lastProgress = System.nanoTime();
				signalSent();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void signalSent() {
		this.sentLock.lock();
		try {
			this.sent.signalAll();
		}
		finally {
			this.sentLock.unlock();
		}
	}

	private void sendWithRetry(List<Object> batch) throws InterruptedException {
		int failures = 0;
		while (true) {
			try {
				if (failures == 0) {
					send(batch);
				}
				else {
					sendOneByOne(batch);
				}
				this.lastError = null;
				if (failures > 0) {
					logger.info("Redis answers again; sent {} delayed acknowledgements/events on stream '{}'",
							batch.size(), this.keys.name());
				}
				return;
			}
			catch (RuntimeException ex) {
				failures++;
				this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
				if (failures == 1) {
					logFirstFailure(batch.size(), ex);
				}
				if (!this.running && failures >= 3) {
					logger.warn(
							"Giving up on {} acknowledgements/events on stream '{}' while stopping;"
									+ " unacknowledged entries will be delivered again",
							batch.size(), this.keys.name());
					return;
				}
				Thread.sleep(RETRY_DELAY.toMillis() * Math.min(failures, 10));
				ClusterTopology.refreshAfterFailedPipeline(this.jedis, this.keys.stream(), this.group);
			}
		}
	}

	private void logFirstFailure(int size, RuntimeException ex) {
		if (ex instanceof JedisException) {
			logger.warn("Could not send {} acknowledgements/events on stream '{}' ({}); retrying", size,
					this.keys.name(), this.lastError);
		}
		else {
			// not what a lost connection gives: say where it came from, once
			logger.warn("Could not send {} acknowledgements/events on stream '{}' ({}); retrying", size,
					this.keys.name(), this.lastError, ex);
		}
	}

	private void send(List<Object> batch) {
		List<StreamEntryID> ids = new ArrayList<>();
		for (Object op : batch) {
			if (op instanceof Ack ack) {
				ids.add(new StreamEntryID(ack.id()));
			}
		}
		Response<Long> acked = null;
		List<Response<StreamEntryID>> events = new ArrayList<>();
		try (AbstractPipeline pipeline = this.jedis.pipelined()) {
			if (!ids.isEmpty()) {
				acked = pipeline.xack(this.keys.stream(), this.group, ids.toArray(StreamEntryID[]::new));
			}
			for (Object op : batch) {
				if (op instanceof Event event) {
					events.add(pipeline.xadd(this.keys.events(), eventParams(),
							Map.of(WireCodec.DATA_FIELD, event.json())));
				}
			}
			pipeline.sync();
		}
		try {
			checkAcknowledged(acked, ids.size());
			checkEvents(events);
		}
		catch (IllegalStateException ex) {
			// a cluster pipeline that lost its connection during sync leaves its
			// responses
			// unset
			throw new JedisConnectionException("The pipeline to Redis lost its connection: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Send a batch that failed in a pipeline again with plain commands: their executor
	 * follows redirections and learns a cluster's new topology after a failover, which a
	 * cluster pipeline does not.
	 */
	private void sendOneByOne(List<Object> batch) {
		List<StreamEntryID> ids = new ArrayList<>();
		for (Object op : batch) {
			if (op instanceof Ack ack) {
				ids.add(new StreamEntryID(ack.id()));
			}
		}
		if (!ids.isEmpty()) {
			try {
				this.jedis.xack(this.keys.stream(), this.group, ids.toArray(StreamEntryID[]::new));
			}
			catch (JedisDataException ex) {
				onRefusedAcknowledgements(ex, ids.size());
			}
		}
		int failed = 0;
		String error = null;
		for (Object op : batch) {
			if (op instanceof Event event) {
				try {
					this.jedis.xadd(this.keys.events(), eventParams(), Map.of(WireCodec.DATA_FIELD, event.json()));
				}
				catch (JedisDataException ex) {
					failed++;
					error = ex.getMessage();
				}
			}
		}
		if (failed > 0) {
			logger.warn("Redis refused {} events for '{}': {}", failed, this.keys.events(), error);
		}
	}

	/**
	 * A pipeline reports errors only in its responses.
	 */
	private void checkAcknowledged(@Nullable Response<Long> acked, int count) {
		if (acked == null) {
			return;
		}
		try {
			acked.get();
		}
		catch (JedisDataException ex) {
			onRefusedAcknowledgements(ex, count);
		}
	}

	/**
	 * An acknowledgement Redis refused (say, for a missing permission) is retried like a
	 * lost connection, not dropped; one for a group that is gone has nothing left to do.
	 */
	private void onRefusedAcknowledgements(JedisDataException ex, int count) {
		if (RedisReplies.isNoGroup(ex)) {
			logger.warn("Consumer group '{}' of stream '{}' is gone; {} acknowledgements have nothing left to"
					+ " acknowledge", this.group, this.keys.name(), count);
			return;
		}
		throw RedisErrors.describe("XACK", this.keys.stream(), ex);
	}

	/**
	 * Events are informative: one Redis refused (say, at maxmemory) is logged, and never
	 * holds back acknowledgements.
	 */
	private void checkEvents(List<Response<StreamEntryID>> events) {
		int failed = 0;
		String error = null;
		for (Response<StreamEntryID> event : events) {
			try {
				event.get();
			}
			catch (JedisDataException ex) {
				failed++;
				error = ex.getMessage();
			}
		}
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

	private record Ack(String id) {
	}

	private record Event(String json) {
	}

}
