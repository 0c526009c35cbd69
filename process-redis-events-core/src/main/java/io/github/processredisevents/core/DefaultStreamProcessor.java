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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.processredisevents.core.EntryProcessing.Prepared;
import io.github.processredisevents.core.observation.EntryOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * The {@link StreamProcessor}: one fetch loop that reclaims expired entries, reads new
 * ones and hands them to a pool of {@code concurrency} workers, beside a lease keeper and
 * an acknowledger. A lost connection never ends the loop: it backs off and carries on.
 *
 * @param <T> the payload type
 * @param <R> the type the handler takes
 */
final class DefaultStreamProcessor<T, R> implements StreamProcessor {

	private static final Logger logger = LoggerFactory.getLogger(DefaultStreamProcessor.class);

	private static final Duration FIGURES_INTERVAL = Duration.ofSeconds(5);

	private final UnifiedJedis jedis;

	private final UnifiedJedis blockingJedis;

	private final boolean closeBlockingJedis;

	private final StreamKeys keys;

	private final ProcessOptions<T> options;

	private final String consumerId;

	private final InFlightEntries inFlight;

	private final DeadThreads deadThreads = new DeadThreads();

	private final SharedThreads shared;

	private final Acknowledger acknowledger;

	private final LeaseKeeper leaseKeeper;

	private final Outcomes outcomes;

	private final EntryProcessing<T, R> processing;

	private final ProcessorMetrics metrics;

	private final Workers<EntryTask> workers;

	private final UnaryOperator<Runnable> taskDecorator;

	private final ScheduledExecutorService scheduler;

	private final FetchLoop fetchLoop;

	private final Thread fetchThread;

	private final Duration pollInterval;

	private final GroupConsumers groupConsumers;

	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private final ReentrantLock dispatchLock = new ReentrantLock();

	private final CountDownLatch running = new CountDownLatch(1);

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile ProcessorState state = ProcessorState.STARTING;

	private volatile boolean paused;

	private final @Nullable OrderedDispatch<R> ordered;

	private Runnable whenStopped = () -> {
	};

	DefaultStreamProcessor(UnifiedJedis jedis, @Nullable UnifiedJedis blockingJedis, StreamKeys keys, WireCodec codec,
			@Nullable TrimPolicy eventTrim, ProcessOptions<T> options, @Nullable Function<List<T>, List<R>> mapper,
			QueueHandler<R> handler, @Nullable BatchHandler<R> batchHandler, EntryObservations observations,
			SharedThreads shared, @Nullable OrderedPartition ordered) {
		this.jedis = jedis;
		this.shared = shared;
		this.blockingJedis = (blockingJedis != null) ? blockingJedis : jedis;
		this.closeBlockingJedis = blockingJedis != null;
		this.keys = keys;
		this.options = options;
		this.consumerId = (options.consumerId() != null) ? options.consumerId() : ConsumerIds.generate();
		String threadPrefix = "redis-events-" + keys.name() + "-" + this.consumerId;
		// a batch handler runs up to concurrency batches at once
		this.inFlight = new InFlightEntries(
				(batchHandler != null) ? options.concurrency() * options.batchSize() : options.concurrency());
		this.ordered = (ordered != null)
				? new OrderedDispatch<>(ordered, this.inFlight, jedis, keys, options, this.consumerId) : null;
		this.acknowledger = new Acknowledger(shared.acknowledgements(), keys, options.group(), eventTrim,
				options.lease());
		this.scheduler = shared.scheduler();
		this.leaseKeeper = new LeaseKeeper(jedis, keys, options.group(), this.consumerId, this.inFlight,
				options.lease(), this.scheduler, this.deadThreads);
		this.outcomes = new Outcomes(jedis, keys, codec, this.consumerId, options, Clock.systemUTC());
		this.outcomes.retryTimer(new RetryTimer(jedis, keys, options.group(), this.consumerId, options.lease(),
				this.scheduler, this.inFlight, this::handOver, () -> !isStopping() && !this.paused && mayFetch()));
		this.metrics = ProcessorMetrics.create(options.meterRegistry(), keys.name(), options.group(), this.consumerId,
				this.inFlight::size);
		this.workers = new Workers<>(options.concurrency(), options.executor(),
				"redis-events-" + keys.name() + "-" + options.group() + "-worker", this::releaseTasks);
		this.taskDecorator = (options.taskDecorator() != null) ? options.taskDecorator() : UnaryOperator.identity();
		HandlerTimeouts timeouts = new HandlerTimeouts(options.timeout(), this.scheduler, this.workers::replace);
		this.processing = new EntryProcessing<>(keys, codec, options, mapper, handler, batchHandler, this.inFlight,
				this.acknowledger, this.outcomes, this.metrics, timeouts,
				new EntryContext(observations, keys, options.group(), this.consumerId));
		if (this.ordered != null) {
			this.processing.onSettled(this::settled);
		}
		this.pollInterval = pollInterval(options.lease());
		this.groupConsumers = new GroupConsumers(jedis, keys, options.group(), this.consumerId,
				options.removeIdleConsumersAfter(), this.pollInterval);
		EntryReader reader = new EntryReader(this.blockingJedis, keys, options.group(), this.consumerId,
				options.lease());
		this.fetchLoop = new FetchLoop(reader, this.inFlight, this.acknowledger, new LoopHost(), keys.name(),
				this.consumerId, options, this.pollInterval, this.deadThreads);
		this.fetchThread = new Thread(this.fetchLoop, threadPrefix + "-fetch");
		this.fetchThread.setDaemon(true);
	}

	/**
	 * How often expired leases are looked for, and how long a read blocks: a quarter
	 * lease, between 50 ms and 1 s.
	 */
	static Duration pollInterval(Duration lease) {
		long millis = Math.max(50, Math.min(1000, lease.toMillis() / 4));
		return Duration.ofMillis(millis);
	}

	/**
	 * Set what to run once this processor has stopped; call before {@link #start()}.
	 */
	void whenStopped(Runnable action) {
		this.whenStopped = action;
	}

	void start() {
		this.acknowledger.start();
		this.leaseKeeper.start();
		if (this.metrics.enabled()) {
			this.scheduler.scheduleWithFixedDelay(this::refreshGroupFigures, 0, FIGURES_INTERVAL.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		this.fetchThread.start();
	}

	@Override
	public String stream() {
		return this.keys.name();
	}

	@Override
	public String group() {
		return this.options.group();
	}

	@Override
	public String consumerId() {
		return this.consumerId;
	}

	@Override
	public ProcessOptions<?> options() {
		return this.options;
	}

	@Override
	public ProcessorState state() {
		return this.state;
	}

	@Override
	public ProcessorStats stats() {
		return this.processing.stats();
	}

	@Override
	public Map<String, Boolean> partitionOwnership() {
		OrderedDispatch<R> dispatch = this.ordered;
		return (dispatch != null) ? Map.of(stream(), dispatch.partition().owned()) : Map.of();
	}

	@Override
	public ProcessorHealth health() {
		boolean alive = this.fetchThread.isAlive() && this.state != ProcessorState.STOPPED;
		boolean connected = this.fetchLoop.connected();
		String lastError = connected ? this.acknowledger.lastError() : this.fetchLoop.lastError();
		List<String> dead = new ArrayList<>(this.deadThreads.names());
		dead.addAll(this.shared.deadThreads().names());
		return new ProcessorHealth(alive, connected, lastError, dead, this.acknowledger.unsent(),
				this.acknowledger.stalled());
	}

	@Override
	public void pause() {
		this.lifecycleLock.lock();
		try {
			if (this.state == ProcessorState.RUNNING || this.state == ProcessorState.STARTING) {
				this.paused = true;
				if (this.state == ProcessorState.RUNNING) {
					this.state = ProcessorState.PAUSED;
				}
				logger.info("Paused consumer '{}' of group '{}' on stream '{}'", this.consumerId, group(), stream());
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
		this.fetchLoop.awaitNoFetchUnderWay();
	}

	@Override
	public void resume() {
		this.lifecycleLock.lock();
		try {
			if (this.paused && this.state != ProcessorState.STOPPING && this.state != ProcessorState.STOPPED) {
				this.paused = false;
				if (this.state == ProcessorState.PAUSED) {
					this.state = ProcessorState.RUNNING;
				}
				this.inFlight.signal();
				logger.info("Resumed consumer '{}' of group '{}' on stream '{}'", this.consumerId, group(), stream());
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public boolean awaitRunning(Duration timeout) throws InterruptedException {
		return this.running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.lifecycleLock.lock();
		try {
			if (this.state == ProcessorState.STOPPING || this.state == ProcessorState.STOPPED) {
				awaitStopped();
				return;
			}
			this.state = ProcessorState.STOPPING;
		}
		finally {
			this.lifecycleLock.unlock();
		}
		try {
			shutDown();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.state = ProcessorState.STOPPED;
			this.stopped.countDown();
			this.whenStopped.run();
		}
	}

	private void shutDown() throws InterruptedException {
		this.inFlight.signal();
		releaseNotStarted();
		this.fetchThread.join(this.pollInterval.toMillis() + 2000);
		releaseNotStarted();
		int active = this.workers.active();
		if (!this.workers.stop(this.options.shutdownTimeout())) {
			logger.warn("{} handlers of stream '{}' still ran after the shutdown timeout of {}; their entries stay"
					+ " pending for other consumers", active, stream(), this.options.shutdownTimeout());
		}
		this.leaseKeeper.stop();
		this.scheduler.shutdownNow();
		this.acknowledger.stop(Duration.ofSeconds(5));
		if (this.closeBlockingJedis) {
			closeQuietly(this.blockingJedis);
		}
		this.metrics.close();
		logger.info("Stopped consumer '{}' of group '{}' on stream '{}' ({})", this.consumerId, group(), stream(),
				stats());
	}

	/**
	 * Take entries that wait for a worker out of the queue and make them reclaimable by
	 * other consumers at once.
	 */
	private void releaseNotStarted() {
		if (this.ordered != null) {
			release(this.ordered.clear());
			giveBack(this.ordered.takeHeld());
		}
		releaseTasks(this.workers.takeQueued());
	}

	private void releaseTasks(List<EntryTask> tasks) {
		List<Prepared<R>> entries = new ArrayList<>(tasks.size());
		for (EntryTask task : tasks) {
			entries.addAll(task.unit);
		}
		giveBack(entries);
	}

	/**
	 * Give back entries admitted to run but not started.
	 */
	private void giveBack(List<Prepared<R>> entries) {
		if (entries.isEmpty()) {
			return;
		}
		List<Delivery> deliveries = new ArrayList<>(entries.size());
		entries.forEach((entry) -> deliveries.add(entry.delivery()));
		release(deliveries);
		if (this.ordered != null) {
			this.ordered.givenBack(entries);
		}
	}

	/**
	 * Ordered processing: stop fetching the partition and give back the entries not
	 * started, so that it can be handed over.
	 * @return whether nothing of the partition is left here: no read under way, nothing
	 * in flight, every acknowledgement sent
	 */
	boolean handOver() {
		OrderedDispatch<R> dispatch = this.ordered;
		if (dispatch == null) {
			return true;
		}
		dispatch.partition().stopFetching();
		release(dispatch.clear());
		giveBack(dispatch.takeHeld());
		releaseTasks(this.workers.takeQueued());
		return !this.fetchLoop.fetchUnderWay() && this.inFlight.size() == 0 && this.acknowledger.unsent() == 0;
	}

	/**
	 * Ordered processing: this processor's view of its partition.
	 */
	@Nullable OrderedPartition orderedPartition() {
		return (this.ordered != null) ? this.ordered.partition() : null;
	}

	/**
	 * Ordered processing: let the keys move on whose failed entry will not come back.
	 */
	void releaseAbandonedKeys() {
		if (this.ordered != null) {
			submitEach(this.ordered.abandonedKeys());
		}
	}

	/**
	 * Ordered processing: start the entries held back while the partition's lease was
	 * past its deadline, now that it was renewed.
	 */
	void startHeld() {
		OrderedDispatch<R> dispatch = this.ordered;
		if (dispatch != null && dispatch.partition().valid()) {
			submitEach(dispatch.takeHeld());
		}
	}

	private boolean mayFetch() {
		return this.ordered == null || this.ordered.partition().fetching();
	}

	/**
	 * Ordered processing: an entry's attempt was settled; run the next entry of its key
	 * when it moved on.
	 */
	private void settled(Prepared<R> entry, EntryOutcome outcome) {
		OrderedDispatch<R> dispatch = this.ordered;
		Prepared<R> next = (dispatch != null) ? dispatch.settled(entry, outcome) : null;
		if (next != null) {
			submitEach(List.of(next));
		}
	}

	private void submitEach(List<Prepared<R>> entries) {
		if (!entries.isEmpty()) {
			this.workers.submit(entries.stream().map((entry) -> new EntryTask(List.of(entry))).toList());
		}
	}

	/**
	 * Make entries this consumer will not handle reclaimable by others at once.
	 */
	private void release(List<Delivery> deliveries) {
		if (this.ordered != null) {
			// the partition's next owner takes them over, which counts a delivery: hand
			// them back with their counters set back, as if never delivered here (no
			// longer in flight first, so that no heartbeat resets their idle time)
			deliveries.forEach((delivery) -> this.inFlight.remove(delivery.id()));
			this.outcomes.handBack(deliveries);
			return;
		}
		this.outcomes.releaseNow(deliveries);
		deliveries.forEach((delivery) -> this.inFlight.remove(delivery.id()));
	}

	private void awaitStopped() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean isStopping() {
		ProcessorState current = this.state;
		return current == ProcessorState.STOPPING || current == ProcessorState.STOPPED;
	}

	private void dispatch(List<Delivery> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		this.metrics.batch(deliveries.size());
		// the fetch thread may run a quick handler itself rather than wake a worker
		this.workers.submitOrRunLast(tasks(deliveries));
	}

	/**
	 * Hand entries that the retry timer fetched to the workers.
	 */
	private void handOver(List<Delivery> deliveries) {
		this.workers.submit(tasks(deliveries));
	}

	/**
	 * Prepare entries for the workers; called by the fetch loop and by the retry timer,
	 * one at a time, so that a batch mapper is never called concurrently.
	 */
	private List<EntryTask> tasks(List<Delivery> deliveries) {
		this.dispatchLock.lock();
		try {
			List<Prepared<R>> prepared = this.processing.prepare(deliveries);
			if (this.ordered != null) {
				List<EntryTask> tasks = new ArrayList<>(prepared.size());
				for (Prepared<R> entry : this.ordered.admit(prepared)) {
					tasks.add(new EntryTask(List.of(entry)));
				}
				return tasks;
			}
			List<EntryTask> tasks = new ArrayList<>(prepared.size());
			for (List<Prepared<R>> unit : this.processing.units(prepared)) {
				tasks.add(new EntryTask(unit));
			}
			return tasks;
		}
		finally {
			this.dispatchLock.unlock();
		}
	}

	private void markRunning() {
		this.lifecycleLock.lock();
		try {
			if (this.state == ProcessorState.STARTING) {
				this.state = this.paused ? ProcessorState.PAUSED : ProcessorState.RUNNING;
				logger.info("Consumer '{}' of group '{}' is processing stream '{}'", this.consumerId, group(),
						stream());
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
		this.running.countDown();
	}

	private void refreshGroupFigures() {
		try {
			long pending = 0;
			Long lag = null; // unknown: Redis before 7, or entries deleted after the
								// group's position
			for (StreamGroupInfo info : this.jedis.xinfoGroups(this.keys.stream())) {
				if (info.getName().equals(group())) {
					pending = info.getPending();
					Object groupLag = info.getGroupInfo().get("lag");
					lag = (groupLag instanceof Long value) ? value : null;
				}
			}
			this.metrics.groupFigures(pending, lag, this.jedis.xlen(this.keys.deadLetters()));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not refresh group figures of stream '{}': {}", stream(), ex.getMessage());
		}
	}

	private static void closeQuietly(UnifiedJedis jedis) {
		try {
			jedis.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to close the blocking-read client", ex);
		}
	}

	/**
	 * What the fetch loop sees of this processor.
	 */
	private final class LoopHost implements FetchLoop.Host {

		@Override
		public boolean isStopping() {
			return DefaultStreamProcessor.this.isStopping();
		}

		@Override
		public boolean isPaused() {
			return DefaultStreamProcessor.this.paused || !mayFetch();
		}

		@Override
		public boolean takeOverDue() {
			OrderedDispatch<R> dispatch = DefaultStreamProcessor.this.ordered;
			return dispatch != null && dispatch.partition().takeOverDue();
		}

		@Override
		public void groupReady() {
			if (DefaultStreamProcessor.this.options.consumerId() != null) {
				DefaultStreamProcessor.this.groupConsumers.warnIfInUse(DefaultStreamProcessor.this.options.lease());
			}
			DefaultStreamProcessor.this.groupConsumers.start(DefaultStreamProcessor.this.scheduler);
			markRunning();
		}

		@Override
		public void dispatch(List<Delivery> deliveries) {
			DefaultStreamProcessor.this.dispatch(deliveries);
		}

		@Override
		public void release(List<Delivery> deliveries) {
			DefaultStreamProcessor.this.release(deliveries);
		}

	}

	/**
	 * A worker task for one entry (or one batch, for a batch handler), wrapped by the
	 * task decorator; kept as a type so that entries not yet started can be released on
	 * stop.
	 */
	private final class EntryTask implements Runnable {

		private final List<Prepared<R>> unit;

		private final Runnable decorated;

		EntryTask(List<Prepared<R>> unit) {
			this.unit = unit;
			this.decorated = decorate(unit);
		}

		private Runnable decorate(List<Prepared<R>> unit) {
			EntryProcessing<T, R> processing = DefaultStreamProcessor.this.processing;
			try {
				return DefaultStreamProcessor.this.taskDecorator.apply(() -> processing.execute(unit));
			}
			catch (RuntimeException ex) {
				// user code: a failing decorator fails the entries, like their handler
				return () -> unit
					.forEach((entry) -> processing.execute(Prepared.failed(entry.delivery(), entry.lease(), ex)));
			}
		}

		@Override
		public void run() {
			OrderedDispatch<R> dispatch = DefaultStreamProcessor.this.ordered;
			if (dispatch != null && !dispatch.partition().valid()) {
				// past the lease deadline: another consumer may own the partition soon,
				// start nothing of it until the lease is renewed
				if (dispatch.hold(this.unit)) {
					startHeld();
				}
				return;
			}
			this.decorated.run();
		}

	}

}
