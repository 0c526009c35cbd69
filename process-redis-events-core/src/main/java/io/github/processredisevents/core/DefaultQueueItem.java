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

import java.util.function.BiConsumer;

/**
 * The {@link QueueItem} handed to handlers.
 *
 * @param <T> the payload type
 */
final class DefaultQueueItem<T> implements QueueItem<T> {

	private final String id;

	private final T data;

	private final int attempts;

	private final BiConsumer<Double, String> progressListener;

	private final InFlightEntries.Lease lease;

	private volatile boolean timedOut;

	DefaultQueueItem(String id, T data, int attempts, InFlightEntries.Lease lease,
			BiConsumer<Double, String> progressListener) {
		this.id = id;
		this.data = data;
		this.attempts = attempts;
		this.lease = lease;
		this.progressListener = progressListener;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public T data() {
		return this.data;
	}

	@Override
	public int attempts() {
		return this.attempts;
	}

	@Override
	public void reportProgress(double completionRatio, String status) {
		if (!(completionRatio >= 0.0 && completionRatio <= 1.0)) {
			throw new IllegalArgumentException(
					"'completionRatio' must lie between 0 and 1, but was " + completionRatio);
		}
		this.progressListener.accept(completionRatio, (status != null) ? status : "");
	}

	@Override
	public boolean leaseLost() {
		return this.lease.isLost();
	}

	@Override
	public boolean cancelled() {
		return this.timedOut || this.lease.isLost();
	}

	void timedOut() {
		this.timedOut = true;
	}

	@Override
	public String toString() {
		return "QueueItem[id=" + this.id + ", attempts=" + this.attempts + "]";
	}

}
