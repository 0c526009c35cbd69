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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The entries a processor has fetched and not yet finished: what its heartbeats extend,
 * and what limits fetching to the configured concurrency.
 */
final class InFlightEntries {

	private final Map<String, Lease> leases = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final int limit;

	private @Nullable IntSupplier parked;

	private int parkLimit = Integer.MAX_VALUE;

	InFlightEntries(int limit) {
		this.limit = limit;
	}

	/**
	 * Let entries parked behind a blocked key (ordered processing) stay in flight without
	 * counting against the limit, up to a bound of their own; call before fetching
	 * starts.
	 * @param parked how many entries are parked
	 * @param parkLimit how many may be parked before fetching waits
	 */
	void parking(IntSupplier parked, int parkLimit) {
		this.parked = parked;
		this.parkLimit = parkLimit;
	}

	private int parked() {
		IntSupplier parked = this.parked;
		return (parked != null) ? parked.getAsInt() : 0;
	}

	/**
	 * Start tracking an entry. Returns its lease, which says whether it was lost.
	 */
	Lease add(String id) {
		Lease lease = new Lease();
		this.leases.put(id, lease);
		return lease;
	}

	void remove(String id) {
		this.leases.remove(id);
		removed();
	}

	/**
	 * Stop tracking an entry if it is still tracked under the given lease (not again,
	 * after it was fetched anew).
	 */
	void remove(String id, Lease lease) {
		this.leases.remove(id, lease);
		removed();
	}

	private void removed() {
		if (this.leases.size() - parked() < this.limit) {
			// only a change below the limit can end a wait (for room, or for none in
			// flight): waking the fetch thread on every entry of a large batch costs a
			// context switch each
			signal();
		}
	}

	boolean contains(String id) {
		return this.leases.containsKey(id);
	}

	int size() {
		return this.leases.size();
	}

	List<String> ids() {
		return new ArrayList<>(this.leases.keySet());
	}

	/**
	 * Mark an entry's lease as lost.
	 * @return whether the entry was still in flight (one that finished meanwhile was
	 * acknowledged, not lost)
	 */
	boolean markLost(String id) {
		Lease lease = this.leases.get(id);
		if (lease != null) {
			lease.lost = true;
			return true;
		}
		return false;
	}

	/**
	 * Wait until fewer entries than the limit are in flight.
	 * @return whether there is room
	 */
	boolean awaitRoom(Duration timeout) throws InterruptedException {
		if (this.parked == null) {
			return awaitSize(this.limit - 1, timeout);
		}
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (!hasRoomBesideParked()) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.changed.awaitNanos(remaining);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean hasRoomBesideParked() {
		int parked = parked();
		return parked < this.parkLimit && this.leases.size() - parked < this.limit;
	}

	/**
	 * Wait until nothing is in flight.
	 * @return whether nothing is in flight
	 */
	boolean awaitEmpty(Duration timeout) throws InterruptedException {
		return awaitSize(0, timeout);
	}

	/**
	 * Wait until something changes: an entry finished, the processor resumed or stops, or
	 * the timeout passed.
	 */
	void awaitChange(Duration timeout) throws InterruptedException {
		this.lock.lock();
		try {
			this.changed.awaitNanos(timeout.toNanos());
		}
		finally {
			this.lock.unlock();
		}
	}

	void signal() {
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean awaitSize(int atMost, Duration timeout) throws InterruptedException {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.leases.size() > atMost) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.changed.awaitNanos(remaining);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether an entry's lease was lost to another consumer.
	 */
	static final class Lease {

		private volatile boolean lost;

		boolean isLost() {
			return this.lost;
		}

	}

}
