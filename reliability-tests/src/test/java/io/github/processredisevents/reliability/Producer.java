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

package io.github.processredisevents.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.processredisevents.core.RedisEventStream;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Adds entries at a steady pace on a thread of its own and records each id Redis answered
 * with. A failed add is retried after a pause with the same entry, before any other is
 * added (it may have been written without an answer; such an entry is simply not in the
 * ledger, or is there twice).
 */
public final class Producer implements AutoCloseable {

	private final Adder adder;

	private final LedgerWriter ledger;

	private final int total;

	private final Duration pause;

	private final AtomicInteger added = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * Create and start a producer.
	 * @param stream where to add
	 * @param ledger where to record
	 * @param total how many entries to add
	 * @param pause the pause between two adds
	 */
	public Producer(RedisEventStream stream, LedgerWriter ledger, int total, Duration pause) {
		this("producer", (n) -> stream.add("item-" + n), ledger, total, pause);
	}

	/**
	 * Create and start a producer of entries of its own kind.
	 * @param name the name of its thread
	 * @param adder adds entry {@code n} (again, when an add of it failed)
	 * @param ledger where to record
	 * @param total how many entries to add
	 * @param pause the pause between two adds
	 */
	Producer(String name, Adder adder, LedgerWriter ledger, int total, Duration pause) {
		this.adder = adder;
		this.ledger = ledger;
		this.total = total;
		this.pause = pause;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		int n = 0;
		while (this.running && n < this.total) {
			try {
				this.ledger.added(this.adder.add(n));
				this.added.incrementAndGet();
				n++;
				sleep(this.pause.toMillis());
			}
			catch (JedisException ex) {
				this.failures.incrementAndGet();
				sleep(50);
			}
		}
	}

	/**
	 * Whether it has added all its entries.
	 * @return whether it finished
	 */
	public boolean finished() {
		return this.added.get() >= this.total;
	}

	/**
	 * How many adds it made so far.
	 * @return the count
	 */
	public int added() {
		return this.added.get();
	}

	/**
	 * How many adds failed (and were retried).
	 * @return the count
	 */
	public int failures() {
		return this.failures.get();
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

	/**
	 * Adds one entry.
	 */
	@FunctionalInterface
	interface Adder {

		/**
		 * Add entry {@code n}; called again with the same {@code n} after a failure.
		 * @param n the entry's number, from 0
		 * @return what the ledger records for it
		 */
		String add(int n);

	}

}
