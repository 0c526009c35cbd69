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
package io.github.processredisevents.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The recent history of each handler's own meters, kept in memory for the console's
 * sparklines: entries processed per second and, when the application records
 * {@value #WAIT_TIMER}, the mean time entries waited before their handler started.
 *
 * @since 0.1.0
 */
public class MeterHistory implements SmartLifecycle {

	/**
	 * The timer of how long entries waited in the stream before a handler started.
	 */
	public static final String WAIT_TIMER = MeterNames.WAIT;

	private static final String STREAM_TAG = "stream_name";

	private static final String GROUP_TAG = "consumer_group";

	private final MeterRegistry meters;

	private final Supplier<List<Handler>> handlers;

	private final Duration interval;

	private final int points;

	private final Map<String, HandlerHistory> histories = new ConcurrentHashMap<>();

	private volatile boolean waitTimeMeasured;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a history.
	 * @param meters the application's meters
	 * @param handlers the handlers whose meters are read
	 * @param interval how often to sample
	 * @param points how many samples to keep per handler
	 */
	public MeterHistory(MeterRegistry meters, RedisEventHandlerRegistry handlers, Duration interval, int points) {
		this(meters,
				() -> handlers.getEndpoints()
					.stream()
					.map((endpoint) -> new Handler(endpoint.getId(), endpoint.getStream(), endpoint.getGroup()))
					.toList(),
				interval, points);
	}

	/**
	 * Create a history of the given handlers.
	 * @param meters the application's meters
	 * @param handlers the handlers whose meters are read, asked at every sample
	 * @param interval how often to sample
	 * @param points how many samples to keep per handler
	 */
	public MeterHistory(MeterRegistry meters, Supplier<List<Handler>> handlers, Duration interval, int points) {
		this.meters = meters;
		this.handlers = handlers;
		this.interval = interval;
		this.points = points;
	}

	/**
	 * Read every handler's meters once and append the rates since the last sample.
	 */
	public void sample() {
		for (Handler handler : this.handlers.get()) {
			String[] tags = { STREAM_TAG, handler.stream(), GROUP_TAG, handler.group() };
			double processed = 0;
			for (Counter counter : this.meters.find(MeterNames.PROCESSED)
				.tags(tags)
				.tag("status", "success")
				.counters()) {
				processed += counter.count();
			}
			long waitCount = 0;
			double waitMillis = 0;
			for (Timer timer : this.meters.find(WAIT_TIMER).tags(tags).timers()) {
				this.waitTimeMeasured = true;
				waitCount += timer.count();
				waitMillis += timer.totalTime(TimeUnit.MILLISECONDS);
			}
			this.histories.computeIfAbsent(handler.id(), (id) -> new HandlerHistory(this.points))
				.add(processed, waitCount, waitMillis, this.interval);
		}
	}

	/**
	 * The samples of every handler, oldest first.
	 * @return the series by handler id
	 */
	public Map<String, Series> series() {
		Map<String, Series> series = new LinkedHashMap<>();
		for (Handler handler : this.handlers.get()) {
			HandlerHistory history = this.histories.get(handler.id());
			series.put(handler.id(), (history != null) ? history.series() : new Series(List.of(), List.of()));
		}
		return series;
	}

	/**
	 * Whether the application records the wait-time timer.
	 * @return whether wait times are known
	 */
	public boolean isWaitTimeMeasured() {
		return this.waitTimeMeasured;
	}

	/**
	 * How often samples are taken.
	 * @return the interval
	 */
	public Duration getInterval() {
		return this.interval;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "redis-events-console-meters");
				thread.setDaemon(true);
				return thread;
			});
			long millis = this.interval.toMillis();
			executor.scheduleAtFixedRate(this::sampleQuietly, 0, millis, TimeUnit.MILLISECONDS);
			this.scheduler = executor;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// a meter read failing must not end the sampling
		}
	}

	/**
	 * A handler whose meters are sampled.
	 *
	 * @param id the handler id
	 * @param stream the stream name, the meters' {@code stream_name} tag
	 * @param group the consumer group, the meters' {@code consumer_group} tag
	 */
	public record Handler(String id, String stream, String group) {
	}

	/**
	 * A handler's recent samples, oldest first.
	 *
	 * @param processedPerSecond entries processed successfully per second
	 * @param waitMillis mean milliseconds entries waited before their handler started,
	 * {@code null} where nothing started or the timer is missing
	 */
	public record Series(List<Double> processedPerSecond, List<@Nullable Double> waitMillis) {
	}

	private static final class HandlerHistory {

		private final int points;

		private final Deque<Double> rates = new ArrayDeque<>();

		private final Deque<Double> waits = new ArrayDeque<>();

		private double lastProcessed = -1;

		private long lastWaitCount;

		private double lastWaitMillis;

		HandlerHistory(int points) {
			this.points = points;
		}

		synchronized void add(double processed, long waitCount, double waitMillis, Duration interval) {
			if (this.lastProcessed >= 0) {
				double seconds = interval.toMillis() / 1000.0;
				append(this.rates, Math.max(0, processed - this.lastProcessed) / seconds);
				long started = waitCount - this.lastWaitCount;
				append(this.waits, (started > 0) ? (waitMillis - this.lastWaitMillis) / started : Double.NaN);
			}
			this.lastProcessed = processed;
			this.lastWaitCount = waitCount;
			this.lastWaitMillis = waitMillis;
		}

		private void append(Deque<Double> values, double value) {
			values.addLast(value);
			while (values.size() > this.points) {
				values.removeFirst();
			}
		}

		synchronized Series series() {
			List<@Nullable Double> waitMillis = new ArrayList<>(this.waits.size());
			for (Double wait : this.waits) {
				waitMillis.add(wait.isNaN() ? null : wait);
			}
			return new Series(List.copyOf(this.rates), waitMillis);
		}

	}

}
