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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.processredisevents.core.observation.EntryOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JavaType;

/**
 * What happens to fetched entries: {@link #prepare} decodes a batch, applies the retry
 * policy and the batch mapper (on the fetch thread); {@link #execute} runs the handler
 * for one entry and settles it (on a worker thread): acknowledged, released for a retry
 * after a back-off, or dead-lettered.
 *
 * @param <T> the payload type
 * @param <R> the type the handler takes (the mapper's result)
 */
final class EntryProcessing<T, R> {

	static final String RETRY_LIMIT_ERROR = RetryPolicy.RETRY_LIMIT_ERROR;

	private static final Logger logger = LoggerFactory.getLogger(EntryProcessing.class);

	private final StreamKeys keys;

	private final WireCodec codec;

	private final ProcessOptions<T> options;

	private final JavaType payloadType;

	private final @Nullable Function<List<T>, List<R>> mapper;

	private final QueueHandler<R> handler;

	private final @Nullable BatchHandler<R> batchHandler;

	private final InFlightEntries inFlight;

	private final Acknowledger acknowledger;

	private final Outcomes outcomes;

	private final ProcessorMetrics metrics;

	private final HandlerTimeouts timeouts;

	private final RetryPolicy retryPolicy;

	private final EntryContext context;

	private final LongAdder processed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder retried = new LongAdder();

	private final LongAdder deadLettered = new LongAdder();

	private volatile @Nullable BiConsumer<Prepared<R>, EntryOutcome> settledListener;

	EntryProcessing(StreamKeys keys, WireCodec codec, ProcessOptions<T> options,
			@Nullable Function<List<T>, List<R>> mapper, QueueHandler<R> handler,
			@Nullable BatchHandler<R> batchHandler, InFlightEntries inFlight, Acknowledger acknowledger,
			Outcomes outcomes, ProcessorMetrics metrics, HandlerTimeouts timeouts, EntryContext context) {
		this.keys = keys;
		this.codec = codec;
		this.options = options;
		this.payloadType = codec.javaType(options.payloadType());
		this.mapper = mapper;
		this.handler = handler;
		this.batchHandler = batchHandler;
		this.inFlight = inFlight;
		this.acknowledger = acknowledger;
		this.outcomes = outcomes;
		this.metrics = metrics;
		this.timeouts = timeouts;
		this.retryPolicy = RetryPolicy.of(options);
		this.context = context;
	}

	/**
	 * Track, decode and check a fetched batch; apply the batch mapper.
	 */
	@SuppressWarnings("unchecked")
	List<Prepared<R>> prepare(List<Delivery> deliveries) {
		List<Prepared<R>> prepared = new ArrayList<>(deliveries.size());
		List<Delivery> accepted = new ArrayList<>(deliveries.size());
		List<InFlightEntries.Lease> leases = new ArrayList<>(deliveries.size());
		List<T> payloads = new ArrayList<>(deliveries.size());
		for (Delivery delivery : deliveries) {
			InFlightEntries.Lease lease = this.inFlight.add(delivery.id());
			try {
				T payload = decode(delivery);
				if (!this.retryPolicy.mayHandle(delivery.attempts(),
						() -> this.options.shouldRetry().test(delivery.attempts(), payload))) {
					prepared.add(Prepared.rejected(delivery, lease, RETRY_LIMIT_ERROR, null));
					continue;
				}
				accepted.add(delivery);
				leases.add(lease);
				payloads.add(payload);
			}
			catch (UndecodableEntryException ex) {
				prepared.add(Prepared.rejected(delivery, lease, ex.getMessage(), ex.getClass().getSimpleName()));
			}
			catch (Throwable ex) {
				// the retry predicate is user code: like a handler, it may throw an Error
				prepared.add(Prepared.failed(delivery, lease, ex));
			}
		}
		List<R> items;
		try {
			items = (this.mapper != null) ? map(payloads) : (List<R>) payloads;
		}
		catch (Throwable ex) {
			// the batch mapper is user code: an Error must not end the fetch loop
			for (int i = 0; i < accepted.size(); i++) {
				prepared.add(Prepared.failed(accepted.get(i), leases.get(i), ex));
			}
			return prepared;
		}
		for (int i = 0; i < accepted.size(); i++) {
			Delivery delivery = accepted.get(i);
			prepared.add(Prepared.ready(delivery, leases.get(i), new DefaultQueueItem<>(delivery.id(), items.get(i),
					delivery.attempts(), leases.get(i), (ratio, status) -> progress(delivery.id(), ratio, status))));
		}
		return prepared;
	}

	/**
	 * Group prepared entries into units of work: one entry each, or, for a batch handler,
	 * the entries ready for it together (in fetch order) and the others one each.
	 */
	List<List<Prepared<R>>> units(List<Prepared<R>> prepared) {
		List<List<Prepared<R>>> units = new ArrayList<>(prepared.size());
		List<Prepared<R>> batch = new ArrayList<>(prepared.size());
		for (Prepared<R> entry : prepared) {
			if (this.batchHandler != null && entry.item() != null) {
				batch.add(entry);
			}
			else {
				units.add(List.of(entry));
			}
		}
		if (!batch.isEmpty()) {
			units.add(batch);
		}
		return units;
	}

	/**
	 * Run the handler for one unit of work (see {@link #units}) and settle its entries.
	 */
	void execute(List<Prepared<R>> unit) {
		if (this.batchHandler != null && unit.get(0).item() != null) {
			executeBatch(unit, this.batchHandler);
		}
		else {
			execute(unit.get(0));
		}
	}

	/**
	 * Run the handler for one prepared entry and settle it.
	 */
	void execute(Prepared<R> entry) {
		EntryOutcome outcome = null;
		try (EntryContext.Scope scope = this.context.open(entry.delivery())) {
			try {
				if (entry.rejection() != null) {
					this.failed.increment();
					outcome = giveUp(entry.delivery(), entry.delivery().attempts(), entry.rejection(),
							entry.rejectionType(), entry.rejection());
					scope.outcome(outcome);
				}
				else if (entry.failure() != null) {
					scope.error(entry.failure());
					outcome = onFailure(entry, entry.failure(), Duration.ZERO);
					scope.outcome(outcome);
				}
				else {
					outcome = run(entry, scope);
				}
			}
			catch (RuntimeException ex) {
				outcome = EntryOutcome.RETRY;
				scope.outcome(outcome);
				logger.error("Unexpected failure settling entry {} of stream '{}'; it stays pending", entry.id(),
						this.keys.name(), ex);
			}
		}
		finally {
			this.inFlight.remove(entry.id(), entry.lease());
			if (outcome != null) {
				settled(entry, outcome);
			}
		}
	}

	/**
	 * Set what learns how each attempt of a single entry was settled (ordered processing
	 * moves the entry's key on); called once per attempt, after the entry left the
	 * in-flight set.
	 */
	void onSettled(BiConsumer<Prepared<R>, EntryOutcome> listener) {
		this.settledListener = listener;
	}

	private void settled(Prepared<R> entry, EntryOutcome outcome) {
		BiConsumer<Prepared<R>, EntryOutcome> listener = this.settledListener;
		if (listener != null) {
			listener.accept(entry, outcome);
		}
	}

	ProcessorStats stats() {
		return new ProcessorStats(this.inFlight.size(), this.processed.sum(), this.failed.sum(), this.retried.sum(),
				this.deadLettered.sum());
	}

	/**
	 * Run the handler and settle the entry.
	 * @return the outcome, or {@code null} when the attempt timed out and was settled by
	 * the timeout
	 */
	private @Nullable EntryOutcome run(Prepared<R> entry, EntryContext.Scope scope) {
		DefaultQueueItem<R> item = entry.item();
		this.metrics.waited(entry.id());
		event(() -> this.codec.startedEvent(entry.id()));
		long start = System.nanoTime();
		HandlerTimeouts.Attempt attempt = this.timeouts.start(List.of(item),
				() -> scope.onThisThread(() -> timedOut(List.of(entry), start, scope)));
		Throwable failure = null;
		try {
			this.handler.handle(item);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (!attempt.finish()) {
			logger.warn(
					"Handler of entry {} of stream '{}' returned only after its timeout of {} (it ignored the"
							+ " interrupt); the attempt had already failed, its outcome is ignored",
					entry.id(), this.keys.name(), this.options.timeout());
			return null;
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		EntryOutcome outcome;
		if (failure != null) {
			if (failure instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			scope.error(failure);
			outcome = onFailure(entry, failure, elapsed);
		}
		else {
			outcome = succeeded(entry, elapsed);
		}
		scope.outcome(outcome);
		return outcome;
	}

	private void executeBatch(List<Prepared<R>> batch, BatchHandler<R> batchHandler) {
		try (EntryContext.Scope scope = this.context.openBatch(batch.stream().map(Prepared::delivery).toList())) {
			try {
				runBatch(batch, batchHandler, scope);
			}
			catch (RuntimeException ex) {
				scope.outcome(EntryOutcome.RETRY);
				logger.error("Unexpected failure settling a batch of {} entries of stream '{}'; they stay pending",
						batch.size(), this.keys.name(), ex);
			}
		}
		finally {
			batch.forEach((entry) -> this.inFlight.remove(entry.id(), entry.lease()));
		}
	}

	/**
	 * Run a batch handler and settle the batch's entries; the batch's outcome is
	 * {@code success} when every entry succeeded, else the failed entry's.
	 */
	private void runBatch(List<Prepared<R>> batch, BatchHandler<R> batchHandler, EntryContext.Scope scope) {
		List<DefaultQueueItem<R>> items = new ArrayList<>(batch.size());
		for (Prepared<R> entry : batch) {
			items.add(entry.item());
			this.metrics.waited(entry.id());
			event(() -> this.codec.startedEvent(entry.id()));
		}
		long start = System.nanoTime();
		HandlerTimeouts.Attempt attempt = this.timeouts.start(items,
				() -> scope.onThisThread(() -> timedOut(batch, start, scope)));
		Throwable failure = null;
		try {
			batchHandler.handle(Collections.unmodifiableList(items));
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (!attempt.finish()) {
			logger.warn(
					"Batch handler of {} entries of stream '{}' returned only after its timeout of {} (it ignored"
							+ " the interrupt); the attempt had already failed, its outcome is ignored",
					batch.size(), this.keys.name(), this.options.timeout());
			return;
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		if (failure == null) {
			EntryOutcome outcome = EntryOutcome.SUCCESS;
			for (Prepared<R> entry : batch) {
				EntryOutcome settled = succeeded(entry, elapsed);
				outcome = (settled != EntryOutcome.SUCCESS) ? settled : outcome;
			}
			scope.outcome(outcome);
			return;
		}
		if (failure instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		scope.error(failure);
		if (failure instanceof BatchFailedException failed && failed.getIndex() >= 0
				&& failed.getIndex() < batch.size()) {
			int index = failed.getIndex();
			batch.subList(0, index).forEach((entry) -> succeeded(entry, elapsed));
			scope.outcome(
					onFailure(batch.get(index), (failed.getCause() != null) ? failed.getCause() : failed, elapsed));
			handBack(batch.subList(index + 1, batch.size()));
			return;
		}
		if (failure instanceof BatchFailedException failed) {
			logger.warn("Batch handler of stream '{}' named entry {} of a batch of {}; failing every entry",
					this.keys.name(), failed.getIndex(), batch.size());
		}
		EntryOutcome outcome = null;
		for (Prepared<R> entry : batch) {
			EntryOutcome settled = onFailure(entry, failure, elapsed);
			outcome = (outcome != null) ? outcome : settled;
		}
		if (outcome != null) {
			scope.outcome(outcome);
		}
	}

	private EntryOutcome succeeded(Prepared<R> entry, Duration elapsed) {
		this.metrics.success(elapsed);
		this.processed.increment();
		if (entry.lease().isLost()) {
			logger.warn("Entry {} of stream '{}' finished after its lease was lost; not acknowledging it here",
					entry.id(), this.keys.name());
			return EntryOutcome.LEASE_LOST;
		}
		this.acknowledger.ack(entry.id());
		event(() -> this.codec.completedEvent(entry.id()));
		return EntryOutcome.SUCCESS;
	}

	/**
	 * Hand back the entries of a batch after the one that failed, unhandled and with
	 * their attempts unchanged; no longer in flight first, so that no heartbeat resets
	 * the idle time the hand-back sets.
	 */
	private void handBack(List<Prepared<R>> entries) {
		List<Delivery> deliveries = new ArrayList<>(entries.size());
		for (Prepared<R> entry : entries) {
			if (!entry.lease().isLost()) {
				this.inFlight.remove(entry.id(), entry.lease());
				deliveries.add(entry.delivery());
			}
		}
		this.outcomes.handBack(deliveries);
	}

	/**
	 * Fail the attempt of entries whose handler outlived its timeout, on the timer's
	 * thread; they leave the in-flight set, so that their leases are no longer extended.
	 */
	private void timedOut(List<Prepared<R>> entries, long start, EntryContext.Scope scope) {
		Duration timeout = this.options.timeout();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		boolean first = true;
		for (Prepared<R> entry : entries) {
			try {
				HandlerTimeoutException failure = new HandlerTimeoutException(entry.id(),
						(timeout != null) ? timeout : Duration.ZERO);
				EntryOutcome outcome = onFailure(entry, failure, elapsed);
				if (first) {
					scope.error(failure);
					scope.outcome(outcome);
					first = false;
				}
				if (entries.size() == 1) {
					this.inFlight.remove(entry.id(), entry.lease());
					settled(entry, outcome);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure settling timed-out entry {} of stream '{}'; it stays pending",
						entry.id(), this.keys.name(), ex);
			}
			finally {
				this.inFlight.remove(entry.id(), entry.lease());
			}
		}
	}

	private EntryOutcome onFailure(Prepared<R> entry, Throwable failure, Duration elapsed) {
		this.failed.increment();
		this.metrics.error(elapsed);
		String message = describe(failure);
		logger.debug("Handler failed for entry {} of stream '{}'", entry.id(), this.keys.name(), failure);
		event(() -> this.codec.failedEvent(entry.id(), message));
		if (entry.lease().isLost()) {
			logger.info("Handler failed for entry {} of stream '{}' after its lease was lost: {}; the consumer that"
					+ " reclaimed it settles it", entry.id(), this.keys.name(), message);
			return EntryOutcome.LEASE_LOST;
		}
		Delivery delivery = entry.delivery();
		int deliveries = delivery.attempts() + 1;
		RetryPolicy.Decision decision = this.retryPolicy.afterFailure(delivery.attempts(), failure);
		if (decision instanceof RetryPolicy.DeadLetter deadLetter) {
			return giveUp(delivery, deliveries, message, failure.getClass().getName(), deadLetter.limitReached());
		}
		if (releaseForRetry(delivery, ((RetryPolicy.Retry) decision).delay())) {
			this.retried.increment();
			this.metrics.retried();
			logger.info("Handler failed for entry {} of stream '{}' (attempt {}): {}; it will be retried", entry.id(),
					this.keys.name(), deliveries, message);
			return EntryOutcome.RETRY;
		}
		logger.info("Handler failed for entry {} of stream '{}' (attempt {}): {}; another consumer owns it now",
				entry.id(), this.keys.name(), deliveries, message);
		return EntryOutcome.LEASE_LOST;
	}

	private boolean releaseForRetry(Delivery delivery, Duration delay) {
		// no longer in flight first, so that no heartbeat resets the idle time it sets
		this.inFlight.remove(delivery.id());
		return this.outcomes.release(delivery, delay);
	}

	private EntryOutcome giveUp(Delivery delivery, int attempts, String error, @Nullable String errorType,
			@Nullable String eventError) {
		if (!this.outcomes.deadLetter(delivery, attempts, error, errorType)) {
			// it stays pending and is given up on when delivered again
			return EntryOutcome.RETRY;
		}
		this.deadLettered.increment();
		this.metrics.deadLettered();
		if (eventError != null) {
			event(() -> this.codec.failedEvent(delivery.id(), eventError));
		}
		return EntryOutcome.DEAD_LETTER;
	}

	private T decode(Delivery delivery) {
		String data = delivery.data();
		int limit = this.options.maxPayloadBytes();
		if (limit > 0 && data != null && data.length() > limit / 3
				&& data.getBytes(StandardCharsets.UTF_8).length > limit) {
			throw new UndecodableEntryException("Entry 'data' is larger than the limit of " + limit + " bytes");
		}
		return this.codec.decode(data, this.payloadType);
	}

	private List<R> map(List<T> payloads) {
		if (payloads.isEmpty()) {
			return List.of();
		}
		List<R> mapped = this.mapper.apply(List.copyOf(payloads));
		if (mapped == null || mapped.size() != payloads.size()) {
			throw new IllegalStateException("Batch mapper returned " + ((mapped != null) ? mapped.size() : "null")
					+ " items for a batch of " + payloads.size() + "; it must return one item per entry");
		}
		return mapped;
	}

	private void progress(String id, double ratio, String status) {
		event(() -> this.codec.progressEvent(id, ratio, status));
	}

	private void event(java.util.function.Supplier<String> json) {
		if (this.options.produceEvents()) {
			this.acknowledger.event(json.get());
		}
	}

	private static String describe(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getName();
	}

	/**
	 * A fetched entry, ready for its handler, or already known to fail or be given up on.
	 */
	record Prepared<R>(Delivery delivery, InFlightEntries.Lease lease, @Nullable DefaultQueueItem<R> item,
			@Nullable Throwable failure, @Nullable String rejection, @Nullable String rejectionType) {

		static <R> Prepared<R> ready(Delivery delivery, InFlightEntries.Lease lease, DefaultQueueItem<R> item) {
			return new Prepared<>(delivery, lease, item, null, null, null);
		}

		static <R> Prepared<R> failed(Delivery delivery, InFlightEntries.Lease lease, Throwable failure) {
			return new Prepared<>(delivery, lease, null, failure, null, null);
		}

		static <R> Prepared<R> rejected(Delivery delivery, InFlightEntries.Lease lease, String reason,
				@Nullable String type) {
			return new Prepared<>(delivery, lease, null, null, reason, type);
		}

		String id() {
			return this.delivery.id();
		}

	}

}
