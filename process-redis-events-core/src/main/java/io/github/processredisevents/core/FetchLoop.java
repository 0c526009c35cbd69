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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The fetch loop of one consumer: creates the group, then, while there is room, reclaims
 * expired entries and reads new ones, and hands them to its processor. A lost connection
 * never ends it, nor does any other {@link RuntimeException}: it logs once, backs off
 * (100 ms doubling to 5 s) and carries on; a lost group is recreated from the oldest
 * entry.
 */
final class FetchLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(FetchLoop.class);

	private static final Duration MAX_ERROR_DELAY = Duration.ofSeconds(5);

	private final EntryReader reader;

	private final InFlightEntries inFlight;

	private final Acknowledger acknowledger;

	private final Host host;

	private final String stream;

	private final String group;

	private final String consumerId;

	/**
	 * Where a group this loop creates starts: the configured position at first, the
	 * oldest entry once a group went missing (so that a retry after a failed recreation
	 * does not skip what the stream holds).
	 */
	private StartFrom startFrom;

	private final int batchSize;

	private final Duration pollInterval;

	private final DeadThreads deadThreads;

	private final ReentrantLock fetchLock = new ReentrantLock();

	private volatile boolean connected = true;

	private boolean everConnected;

	private volatile @Nullable String lastError;

	private long lastReclaim;

	private boolean reclaimAgain;

	FetchLoop(EntryReader reader, InFlightEntries inFlight, Acknowledger acknowledger, Host host, String stream,
			String consumerId, ProcessOptions<?> options, Duration pollInterval, DeadThreads deadThreads) {
		this.reader = reader;
		this.inFlight = inFlight;
		this.acknowledger = acknowledger;
		this.host = host;
		this.stream = stream;
		this.group = options.group();
		this.consumerId = consumerId;
		this.startFrom = options.startFrom();
		this.batchSize = options.batchSize();
		this.pollInterval = pollInterval;
		this.deadThreads = deadThreads;
	}

	/**
	 * Whether the last exchange with Redis succeeded.
	 */
	boolean connected() {
		return this.connected;
	}

	/**
	 * The last error met, if any.
	 */
	@Nullable String lastError() {
		return this.lastError;
	}

	/**
	 * Whether a read is under way now.
	 */
	boolean fetchUnderWay() {
		return this.fetchLock.isLocked();
	}

	/**
	 * Wait for a read under way to end (its entries are still handled), so that no read
	 * starts after this method returns.
	 */
	void awaitNoFetchUnderWay() {
		if (this.fetchLock.isHeldByCurrentThread()) {
			return;
		}
		try {
			if (this.fetchLock.tryLock(this.pollInterval.toMillis() + RedisEvents.BLOCKING_READ_MARGIN.toMillis(),
					TimeUnit.MILLISECONDS)) {
				this.fetchLock.unlock();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void run() {
		try {
			fetchLoop();
		}
		catch (Error ex) {
			this.lastError = ex.toString();
			this.deadThreads.died("fetch loop", ex);
		}
	}

	private void fetchLoop() {
		boolean groupReady = false;
		int failures = 0;
		while (!this.host.isStopping()) {
			try {
				if (!groupReady) {
					if (this.reader.createGroup(this.startFrom)) {
						logger.info("Created consumer group '{}' on stream '{}' from {}", this.group, this.stream,
								this.startFrom);
					}
					groupReady = true;
					this.everConnected = true;
					this.host.groupReady();
				}
				if (this.host.isPaused() || !this.inFlight.awaitRoom(this.pollInterval)
						|| !this.acknowledger.awaitBacklogBelowOneBatch(this.pollInterval)) {
					if (this.host.isPaused()) {
						// until resumed, stopped or an entry finishes (not a busy wait)
						this.inFlight.awaitChange(this.pollInterval);
					}
					continue;
				}
				this.fetchLock.lock();
				try {
					if (!this.host.isPaused()) {
						fetchOnce();
					}
				}
				finally {
					this.fetchLock.unlock();
				}
				if (failures > 0) {
					logger.info("Consumer '{}' on stream '{}' reconnected to Redis; carrying on", this.consumerId,
							this.stream);
				}
				failures = 0;
				this.connected = true;
				this.everConnected = true;
			}
			catch (JedisDataException ex) {
				if (!RedisReplies.isNoGroup(ex)) {
					failures = onError(ex, failures);
					continue;
				}
				groupReady = recreateGroup(ex);
			}
			catch (JedisException ex) {
				failures = onError(ex, failures);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				// not what a lost connection gives (say, a reply that cannot be read):
				// the
				// first one with its stack trace, then like a lost connection
				if (failures == 0) {
					logger.warn(
							"Unexpected failure in the fetch loop of consumer '{}' on stream '{}'; retrying with"
									+ " back-off up to {} s",
							this.consumerId, this.stream, MAX_ERROR_DELAY.toSeconds(), ex);
				}
				failures = onError(ex, Math.max(failures, 1));
			}
		}
	}

	private void fetchOnce() {
		if (this.host.takeOverDue()) {
			this.reader.startTakeOver();
		}
		if (this.reader.takingOver()) {
			// ordered processing: the pending entries of the previous owner go first
			List<Delivery> taken = this.reader.takeOver(this.batchSize, this.inFlight.size());
			this.host.dispatch(notInFlight(taken));
			if (!this.reader.takingOver()) {
				logger.debug("Consumer '{}' took over the pending entries of stream '{}'", this.consumerId,
						this.stream);
			}
			return;
		}
		long now = System.nanoTime();
		if (this.reclaimAgain || now - this.lastReclaim >= this.pollInterval.toNanos()) {
			this.lastReclaim = now;
			List<Delivery> reclaimed = this.reader.reclaim(this.batchSize, this.inFlight.size());
			// a full batch means more may be waiting: reclaim again before reading new
			// ones
			this.reclaimAgain = reclaimed.size() >= this.batchSize;
			this.host.dispatch(notInFlight(reclaimed));
			if (this.reclaimAgain) {
				return;
			}
		}
		if (this.host.isStopping() || this.host.isPaused()) {
			return;
		}
		List<Delivery> deliveries = this.reader.readNew(this.batchSize, this.pollInterval);
		if (this.host.isStopping()) {
			// read while stop began: hand them back at once rather than after a lease
			this.host.release(deliveries);
			return;
		}
		this.host.dispatch(deliveries);
	}

	/**
	 * Leave out reclaimed entries that this consumer still handles: their lease expired
	 * because heartbeats could not reach Redis, not because the handler is gone. The
	 * reclaim renewed their lease; running them a second time here would be a needless
	 * duplicate.
	 */
	private List<Delivery> notInFlight(List<Delivery> reclaimed) {
		List<Delivery> fresh = new ArrayList<>(reclaimed.size());
		for (Delivery delivery : reclaimed) {
			if (this.inFlight.contains(delivery.id())) {
				logger.debug("Consumer '{}' reclaimed entry {} of stream '{}' that it still handles; kept it running",
						this.consumerId, delivery.id(), this.stream);
			}
			else {
				fresh.add(delivery);
			}
		}
		return fresh;
	}

	/**
	 * A read met no group ({@code NOGROUP}, or {@code UNBLOCKED} when the stream went
	 * away under a blocked read). Either the group is gone (the stream was deleted, or
	 * Redis restarted without persistence), or it is elsewhere: a cluster slot migration
	 * moves the stream with its group and deletes it from the old primary, under the
	 * blocked read; or another consumer recreated the group first. Creating it tells
	 * which, and only a group that really was gone is a warning.
	 */
	private boolean recreateGroup(JedisDataException missing) {
		this.startFrom = StartFrom.OLDEST;
		try {
			if (this.reader.createGroup(StartFrom.OLDEST)) {
				logger.warn("Consumer group '{}' of stream '{}' was gone (stream deleted, or Redis restarted without"
						+ " persistence); recreated it from the oldest entry", this.group, this.stream);
			}
			else {
				logger.info("A read of consumer '{}' on stream '{}' met no group '{}' ({}), but the group exists:"
						+ " the stream moved to another cluster node (a slot migration), or another consumer recreated"
						+ " the group; carrying on", this.consumerId, this.stream, this.group, missing.getMessage());
			}
			return true;
		}
		catch (JedisException ex) {
			return false;
		}
	}

	private int onError(RuntimeException ex, int failures) {
		this.connected = false;
		this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		if (failures == 0 && ex instanceof JedisDataException) {
			logger.error("Redis refused a command of consumer '{}' on stream '{}' ({}); retrying with back-off up to"
					+ " {} s", this.consumerId, this.stream, this.lastError, MAX_ERROR_DELAY.toSeconds());
		}
		else if (failures == 0) {
			String address = RedisErrors.address(ex);
			logger.warn("Consumer '{}' on stream '{}' {} Redis{} ({}); retrying with back-off up to {} s",
					this.consumerId, this.stream, this.everConnected ? "lost" : "cannot reach",
					(address != null) ? " at " + address : "", this.lastError, MAX_ERROR_DELAY.toSeconds());
		}
		else {
			logger.debug("Consumer '{}' on stream '{}' still cannot reach Redis: {}", this.consumerId, this.stream,
					this.lastError);
		}
		pauseAfterError(failures);
		return failures + 1;
	}

	private void pauseAfterError(int failures) {
		try {
			Thread.sleep(Math.min(MAX_ERROR_DELAY.toMillis(), 100L << Math.min(failures, 10)));
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the loop needs from its processor.
	 */
	interface Host {

		boolean isStopping();

		boolean isPaused();

		/**
		 * Whether every pending entry of the group should be taken over before new ones
		 * are read (ordered processing, once per acquisition of the partition).
		 */
		default boolean takeOverDue() {
			return false;
		}

		/**
		 * The group exists: the processor runs.
		 */
		void groupReady();

		/**
		 * Hand fetched entries to the workers.
		 */
		void dispatch(List<Delivery> deliveries);

		/**
		 * Make entries this consumer will not handle reclaimable by others at once.
		 */
		void release(List<Delivery> deliveries);

	}

}
