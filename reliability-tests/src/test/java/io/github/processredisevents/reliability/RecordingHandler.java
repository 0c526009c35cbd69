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

import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.github.processredisevents.core.QueueHandler;
import io.github.processredisevents.core.QueueItem;

/**
 * A handler that records what it does in the ledger: started, then done after a while, or
 * abandoned when it sees that its lease was lost (as a careful handler would).
 *
 * @param <T> the payload type
 */
public final class RecordingHandler<T> implements QueueHandler<T> {

	private static final long STEP_MILLIS = 20;

	private final LedgerWriter ledger;

	private final String consumer;

	private final ToLongFunction<QueueItem<T>> workMillis;

	private final Function<QueueItem<T>, String> idOf;

	/**
	 * Create a handler that records entries by their Redis id.
	 * @param ledger where to record
	 * @param consumer the consumer id to record
	 * @param workMillis how long each item takes
	 */
	public RecordingHandler(LedgerWriter ledger, String consumer, ToLongFunction<QueueItem<T>> workMillis) {
		this(ledger, consumer, workMillis, QueueItem::id);
	}

	/**
	 * Create a handler.
	 * @param ledger where to record
	 * @param consumer the consumer id to record
	 * @param workMillis how long each item takes
	 * @param idOf the id to record an item by
	 */
	public RecordingHandler(LedgerWriter ledger, String consumer, ToLongFunction<QueueItem<T>> workMillis,
			Function<QueueItem<T>, String> idOf) {
		this.ledger = ledger;
		this.consumer = consumer;
		this.workMillis = workMillis;
		this.idOf = idOf;
	}

	@Override
	public void handle(QueueItem<T> item) throws InterruptedException {
		String id = this.idOf.apply(item);
		this.ledger.started(id, this.consumer, item.attempts());
		long end = System.nanoTime() + this.workMillis.applyAsLong(item) * 1_000_000;
		long left;
		while ((left = end - System.nanoTime()) > 0) {
			if (item.leaseLost()) {
				this.ledger.abandoned(id, this.consumer, item.attempts());
				return;
			}
			Thread.sleep(Math.max(1, Math.min(STEP_MILLIS, left / 1_000_000)));
		}
		if (item.leaseLost()) {
			this.ledger.abandoned(id, this.consumer, item.attempts());
			return;
		}
		this.ledger.done(id, this.consumer, item.attempts());
	}

}
