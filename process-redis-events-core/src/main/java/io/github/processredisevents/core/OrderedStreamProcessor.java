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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of an {@link ProcessOptions#ordered() ordered} handler of a
 * {@link PartitionedStream}: a processor per partition, as in unordered processing, each
 * of which fetches only while this consumer owns its partition, and a thread of its own
 * that decides, every poll interval, which partitions this consumer should own and takes
 * or gives them up.
 *
 * <p>
 * Each tick it records this consumer in the group's members (at the Redis server's time)
 * and reads the live ones, computes the assignment ({@link PartitionAssignor}, the same
 * in every consumer), then, per partition:
 * <ul>
 * <li>assigned here and free: acquire it; its processor then takes over the pending
 * entries of the previous owner (in id order, before reading new ones);</li>
 * <li>owned: renew its lease; when it is assigned elsewhere now, or was lost, hand it
 * over cooperatively: stop fetching, give back the entries not started, let the running
 * ones finish (renewing the lease meanwhile), send their acknowledgements, then release
 * it, so that its new owner acquires it at its next tick.</li>
 * </ul>
 * Stopping leaves the members first and releases every partition once its processor has
 * stopped, so that the others take over at once; a consumer that dies loses its
 * partitions when their leases expire.
 */
final class OrderedStreamProcessor implements StreamProcessor {

	private static final Logger logger = LoggerFactory.getLogger(OrderedStreamProcessor.class);

	private final PartitionedStreamProcessor processors;

	private final PartitionOwnership ownership;

	private final List<Slot> slots;

	private final List<String> current = new ArrayList<>();

	private final List<String> retired = new ArrayList<>();

	private final long leaseNanos;

	private final Duration interval;

	private final Thread thread;

	private final AtomicBoolean stopping = new AtomicBoolean();

	private volatile boolean running = true;

	private volatile @Nullable CountDownLatch stalled;

	private boolean warnedUnreachable;

	/**
	 * Create the processor; call {@link #start()} next.
	 * @param processors the processors of the partitions, seen as one
	 * @param partitions the same processors, in partition order
	 * @param ownership the Redis side of ownership
	 * @param retiredCount how many of the processors, last in the list, consume retired
	 * partitions
	 */
	OrderedStreamProcessor(PartitionedStreamProcessor processors, List<DefaultStreamProcessor<?, ?>> partitions,
			PartitionOwnership ownership, int retiredCount) {
		this.processors = processors;
		this.ownership = ownership;
		List<Slot> slots = new ArrayList<>(partitions.size());
		for (int i = 0; i < partitions.size(); i++) {
			DefaultStreamProcessor<?, ?> processor = partitions.get(i);
			slots.add(new Slot(processor, Objects.requireNonNull(processor.orderedPartition())));
			((i < partitions.size() - retiredCount) ? this.current : this.retired).add(processor.stream());
		}
		this.slots = List.copyOf(slots);
		Duration lease = processors.options().lease();
		this.leaseNanos = lease.toNanos();
		this.interval = DefaultStreamProcessor.pollInterval(lease);
		this.thread = new Thread(this::run,
				"redis-events-" + processors.stream() + "-" + processors.consumerId() + "-ownership");
		this.thread.setDaemon(true);
	}

	/**
	 * How many entries may wait behind blocked keys, per partition, before the partition
	 * stops fetching until a key moves on.
	 */
	static int parkLimit(ProcessOptions<?> options) {
		return Math.max(100, 10 * options.batchSize());
	}

	void start() {
		this.thread.start();
	}

	private void run() {
		while (this.running) {
			if (partitionStopped()) {
				// stopped one by one (RedisEvents.processors()): give everything up, so
				// that no partition stays owned by a processor that no longer fetches
				stop();
				return;
			}
			try {
				tick();
			}
			catch (RuntimeException ex) {
				logger.warn("Unexpected failure deciding the partitions of consumer '{}' on stream '{}'", consumerId(),
						stream(), ex);
			}
			try {
				Thread.sleep(this.interval.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private boolean partitionStopped() {
		for (Slot slot : this.slots) {
			ProcessorState state = slot.processor.state();
			if (state == ProcessorState.STOPPING || state == ProcessorState.STOPPED) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One round: beat, assign, then acquire, renew or hand over each partition.
	 */
	void tick() {
		Map<String, String> assignment = null;
		try {
			List<String> members = this.ownership.beat();
			assignment = PartitionAssignor.assign(this.current, this.retired, members);
			if (this.warnedUnreachable) {
				logger.info("Consumer '{}' reaches Redis again to coordinate the partitions of stream '{}'",
						consumerId(), stream());
				this.warnedUnreachable = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.warnedUnreachable) {
				logger.warn(
						"Consumer '{}' could not record itself among the consumers of stream '{}' ({}); it keeps"
								+ " what it owns while it can renew the leases",
						consumerId(), stream(), ex.getMessage());
				this.warnedUnreachable = true;
			}
		}
		for (Slot slot : this.slots) {
			if (!this.running || !awaitNotStalled()) {
				return;
			}
			try {
				step(slot, (assignment != null) ? assignment.get(slot.name()) : null, assignment != null);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not renew or hand over partition '{}' for consumer '{}': {}", slot.name(),
						consumerId(), ex.getMessage());
				slot.expireIfDue(System.nanoTime(), this.leaseNanos);
			}
		}
	}

	private void step(Slot slot, @Nullable String assignee, boolean known) {
		long now = System.nanoTime();
		boolean mine = consumerId().equals(assignee);
		switch (slot.state) {
			case FREE -> {
				if (mine && consumerId().equals(this.ownership.own(slot.name(), true))) {
					slot.renewedAt = now;
					slot.state = State.OWNED;
					logger.info("Consumer '{}' owns partition '{}' of group '{}' now", consumerId(), slot.name(),
							group());
					slot.view.acquired(now, this.leaseNanos);
				}
			}
			case OWNED -> {
				renew(slot, now);
				if (slot.state == State.OWNED) {
					slot.processor.startHeld();
					slot.processor.releaseAbandonedKeys();
				}
				if (slot.state == State.OWNED && known && !mine) {
					logger.info("Consumer '{}' hands partition '{}' of group '{}' over to '{}'", consumerId(),
							slot.name(), group(), assignee);
					slot.state = State.HANDING_OVER;
					slot.view.stopFetching();
				}
				if (slot.state == State.HANDING_OVER) {
					handOver(slot);
				}
			}
			case HANDING_OVER -> {
				if (!slot.lost) {
					renew(slot, now);
				}
				handOver(slot);
			}
		}
	}

	private void renew(Slot slot, long now) {
		String owner = this.ownership.own(slot.name(), false);
		if (consumerId().equals(owner)) {
			slot.renewedAt = now;
			slot.view.renewed(now, this.leaseNanos);
			return;
		}
		if (!slot.lost) {
			logger.warn(
					"Consumer '{}' lost partition '{}' of group '{}' to '{}' (its lease expired: Redis was out of"
							+ " reach, or this process stalled); it stops fetching it and lets running handlers finish",
					consumerId(), slot.name(), group(), owner);
		}
		slot.lose();
	}

	private void handOver(Slot slot) {
		if (slot.processor.handOver()) {
			if (!slot.lost) {
				this.ownership.release(slot.name());
				logger.info("Consumer '{}' released partition '{}' of group '{}'", consumerId(), slot.name(), group());
			}
			slot.free();
		}
	}

	@Override
	public String stream() {
		return this.processors.stream();
	}

	@Override
	public String group() {
		return this.processors.group();
	}

	@Override
	public String consumerId() {
		return this.processors.consumerId();
	}

	@Override
	public ProcessOptions<?> options() {
		return this.processors.options();
	}

	@Override
	public ProcessorState state() {
		return this.processors.state();
	}

	@Override
	public ProcessorStats stats() {
		return this.processors.stats();
	}

	@Override
	public ProcessorHealth health() {
		return this.processors.health();
	}

	@Override
	public Map<String, Boolean> partitionOwnership() {
		Map<String, Boolean> owned = new LinkedHashMap<>();
		for (Slot slot : this.slots) {
			owned.put(slot.name(), slot.view.owned());
		}
		return owned;
	}

	/**
	 * Stop fetching; owned partitions stay owned (their leases are renewed), so the keys
	 * of their entries wait.
	 */
	@Override
	public void pause() {
		this.processors.pause();
	}

	@Override
	public void resume() {
		this.processors.resume();
	}

	@Override
	public boolean awaitRunning(Duration timeout) throws InterruptedException {
		return this.processors.awaitRunning(timeout);
	}

	/**
	 * Stop fetching, leave the members, stop every partition's processor (running
	 * handlers finish, entries not started are given back), then release the partitions,
	 * so that the other consumers take them over at once.
	 */
	@Override
	public void stop() {
		if (!this.stopping.compareAndSet(false, true)) {
			this.processors.stop();
			return;
		}
		endOwnershipThread();
		try {
			this.ownership.leave();
		}
		catch (RuntimeException ex) {
			logger.debug("Consumer '{}' could not leave the members of stream '{}': {}", consumerId(), stream(),
					ex.getMessage());
		}
		this.processors.stop();
		for (Slot slot : this.slots) {
			if (slot.state != State.FREE && !slot.lost) {
				try {
					this.ownership.release(slot.name());
				}
				catch (RuntimeException ex) {
					logger.debug("Consumer '{}' could not release partition '{}' ({}); it is free when its lease"
							+ " expires", consumerId(), slot.name(), ex.getMessage());
				}
			}
			slot.free();
		}
	}

	/**
	 * Stop deciding, renewing and fetching without releasing or leaving anything, as
	 * happens when the process freezes or dies: the other consumers take the partitions
	 * over once their leases expire. For tests.
	 */
	void halt() {
		endOwnershipThread();
	}

	/**
	 * End the ownership thread (unless called on it) and stop fetching every partition.
	 */
	private void endOwnershipThread() {
		this.running = false;
		if (Thread.currentThread() != this.thread) {
			this.thread.interrupt();
			try {
				this.thread.join(this.interval.toMillis() + 5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.slots.forEach((slot) -> slot.view.stopFetching());
	}

	/**
	 * Make the ownership thread block before its next step, as a renewal stuck in a call
	 * to Redis does, until {@link #unstall()}; fetching and handlers go on. For tests.
	 */
	void stall() {
		this.stalled = new CountDownLatch(1);
	}

	/**
	 * Let the ownership thread go on. For tests.
	 */
	void unstall() {
		CountDownLatch latch = this.stalled;
		this.stalled = null;
		if (latch != null) {
			latch.countDown();
		}
	}

	private boolean awaitNotStalled() {
		CountDownLatch latch = this.stalled;
		if (latch == null) {
			return true;
		}
		try {
			latch.await();
			return this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public String toString() {
		return "OrderedStreamProcessor[" + stream() + " x " + this.slots.size() + "]";
	}

	private enum State {

		FREE, OWNED, HANDING_OVER

	}

	/**
	 * One partition: its processor, its view and where this consumer stands with it.
	 * Changed by the ownership thread only (and by stop, once that thread has ended).
	 */
	private static final class Slot {

		private final DefaultStreamProcessor<?, ?> processor;

		private final OrderedPartition view;

		private State state = State.FREE;

		private boolean lost;

		private long renewedAt;

		Slot(DefaultStreamProcessor<?, ?> processor, OrderedPartition view) {
			this.processor = processor;
			this.view = view;
		}

		String name() {
			return this.view.partition();
		}

		void lose() {
			this.lost = true;
			this.state = State.HANDING_OVER;
			this.view.stopFetching();
		}

		void free() {
			this.state = State.FREE;
			this.lost = false;
			this.view.released();
		}

		/**
		 * Redis could not be reached: once the lease has passed since the last renewal,
		 * another consumer may own the partition.
		 */
		void expireIfDue(long now, long leaseNanos) {
			if (this.state != State.FREE && !this.lost && now - this.renewedAt > leaseNanos) {
				logger.warn("Partition '{}' could not be renewed within its lease; it is no longer owned here", name());
				lose();
			}
		}

	}

}
