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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.StreamEntryID;

/**
 * The per-key gate of ordered processing, between fetching and the workers: at most one
 * entry of a key runs at a time, and the next one (by stream id) runs only after the
 * previous one was settled for good (acknowledged or dead-lettered). An entry that failed
 * and waits for its retry keeps its key blocked; when it comes back (from the retry timer
 * or a reclaim) it is recognised by its id and runs at once, ahead of the entries waiting
 * behind it. Entries of different keys, and entries without a key, are not held back.
 *
 * <p>
 * Entries waiting behind a blocked key are <em>parked</em>: they stay in flight (so that
 * their leases are extended) but do not count against the concurrency; the processor
 * stops fetching while {@link #parked()} is at its bound.
 *
 * @param <E> what is gated: a prepared entry
 */
final class KeyOrder<E> {

	private final Function<E, String> idOf;

	private final Function<E, @Nullable String> keyOf;

	private final Map<String, Key<E>> keys = new HashMap<>();

	private final Map<E, Key<E>> running = new IdentityHashMap<>();

	private int parked;

	/**
	 * Create a gate.
	 * @param idOf the stream id of an entry
	 * @param keyOf the key of an entry, {@code null} when it has none (it runs unordered)
	 */
	KeyOrder(Function<E, String> idOf, Function<E, @Nullable String> keyOf) {
		this.idOf = idOf;
		this.keyOf = keyOf;
	}

	/**
	 * Let fetched entries in, in the order given.
	 * @param entries the entries
	 * @return those that may run now, in order; the others are parked
	 */
	synchronized List<E> admit(List<E> entries) {
		List<E> runnable = new ArrayList<>(entries.size());
		for (E entry : entries) {
			String key = this.keyOf.apply(entry);
			if (key == null) {
				runnable.add(entry);
				continue;
			}
			String id = this.idOf.apply(entry);
			Key<E> gate = this.keys.computeIfAbsent(key, Key::new);
			if (gate.head == null || (gate.head.equals(id) && gate.running == null)) {
				// a free key, or the failed head back for its retry
				gate.head = id;
				gate.running = entry;
				this.running.put(entry, gate);
				runnable.add(entry);
			}
			else if (!gate.head.equals(id) && gate.waiting.putIfAbsent(new StreamEntryID(id), entry) == null) {
				this.parked++;
			}
			// else a second delivery of the head while it runs: it runs once
		}
		return runnable;
	}

	/**
	 * An entry's attempt was settled.
	 * @param entry the entry that ran
	 * @param done {@code true} when it was acknowledged, dead-lettered or lost to another
	 * consumer (its key moves on); {@code false} when it stays pending for a retry (its
	 * key stays blocked until it comes back)
	 * @return the next entry of its key to run now, if any
	 */
	synchronized @Nullable E settled(E entry, boolean done) {
		Key<E> gate = this.running.remove(entry);
		if (gate == null || gate.running != entry) {
			return null;
		}
		gate.running = null;
		if (!done) {
			gate.awaitingSince = System.nanoTime();
			return null;
		}
		return moveOn(gate);
	}

	/**
	 * The ids of the entries that have waited for their retry since before a time.
	 * @param before a {@link System#nanoTime()}
	 */
	synchronized List<String> awaitingRetrySince(long before) {
		List<String> ids = new ArrayList<>();
		for (Key<E> gate : this.keys.values()) {
			if (gate.head != null && gate.running == null && gate.awaitingSince - before < 0) {
				ids.add(gate.head);
			}
		}
		return ids;
	}

	/**
	 * An entry that waited for its retry will not come back (it was acknowledged or
	 * deleted elsewhere): its key moves on.
	 * @param id the entry's id
	 * @return the next entry of its key to run now, if any
	 */
	synchronized @Nullable E gone(String id) {
		for (Key<E> gate : this.keys.values()) {
			if (id.equals(gate.head) && gate.running == null) {
				return moveOn(gate);
			}
		}
		return null;
	}

	private @Nullable E moveOn(Key<E> gate) {
		Map.Entry<StreamEntryID, E> next = gate.waiting.pollFirstEntry();
		if (next == null) {
			this.keys.remove(gate.key);
			return null;
		}
		this.parked--;
		gate.head = next.getKey().toString();
		gate.running = next.getValue();
		this.running.put(next.getValue(), gate);
		return next.getValue();
	}

	/**
	 * Release every parked entry and forget the keys that have nothing running (the
	 * partition is handed over or the processor stops). A key whose entry still runs
	 * stays blocked until that entry settles, so that an entry of it delivered meanwhile
	 * (by a read that was under way) parks instead of running beside it.
	 * @return the parked entries, to be released
	 */
	synchronized List<E> clear() {
		List<E> released = new ArrayList<>(this.parked);
		for (Iterator<Key<E>> gates = this.keys.values().iterator(); gates.hasNext();) {
			Key<E> gate = gates.next();
			released.addAll(gate.waiting.values());
			gate.waiting.clear();
			if (gate.running == null) {
				gates.remove();
			}
		}
		this.parked = 0;
		return released;
	}

	/**
	 * How many entries wait behind a blocked key.
	 */
	synchronized int parked() {
		return this.parked;
	}

	/**
	 * How many keys are blocked: an entry of theirs runs or waits for its retry.
	 */
	synchronized int blockedKeys() {
		return this.keys.size();
	}

	private static final class Key<E> {

		private final String key;

		private @Nullable String head;

		private @Nullable E running;

		private long awaitingSince;

		private final TreeMap<StreamEntryID, E> waiting = new TreeMap<>();

		Key(String key) {
			this.key = key;
		}

	}

}
