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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * What most scenarios share: a private Redis, a ledger, an engine and the consumers
 * started on it, all closed at the end.
 */
public final class Scenario implements AutoCloseable {

	/** The stream every scenario uses (on a Redis of its own). */
	public static final String STREAM = "orders";

	/** The consumer group every scenario uses. */
	public static final String GROUP = "workers";

	private final RedisServer redis;

	private final Ledger ledger;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<StreamProcessor> processors = new ArrayList<>();

	private @Nullable LedgerWriter producer;

	private Scenario(RedisServer redis, Ledger ledger) {
		this.redis = redis;
		this.ledger = ledger;
	}

	/**
	 * Start a scenario on a Redis without persistence.
	 * @param name a readable name
	 * @return the scenario
	 */
	public static Scenario start(String name) {
		return start(name, Map.of());
	}

	/**
	 * Start a scenario on a Redis with the given configuration.
	 * @param name a readable name
	 * @param config redis-server directives
	 * @return the scenario
	 */
	public static Scenario start(String name, Map<String, String> config) {
		return new Scenario(RedisServer.start(config), Ledger.create(name));
	}

	public RedisServer redis() {
		return this.redis;
	}

	public Ledger ledger() {
		return this.ledger;
	}

	/**
	 * A probe of the stream, straight to Redis.
	 * @return the probe
	 */
	public GroupProbe probe() {
		return new GroupProbe(this.redis.host(), this.redis.port(), "stream:" + STREAM, GROUP);
	}

	/**
	 * An engine connected straight to Redis.
	 * @return the engine, closed with the scenario
	 */
	public RedisEvents connect() {
		return connect(this.redis.port());
	}

	/**
	 * An engine connected to a port on loopback (Redis or a proxy in front of it).
	 * @param port the port
	 * @return the engine, closed with the scenario
	 */
	public RedisEvents connect(int port) {
		RedisEvents events = RedisEvents.connect(new HostAndPort(this.redis.host(), port));
		return track(events);
	}

	/**
	 * Close something when the scenario ends (before Redis stops).
	 * @param <C> its type
	 * @param resource the resource
	 * @return the resource
	 */
	public <C extends AutoCloseable> C track(C resource) {
		this.resources.add(resource);
		if (resource instanceof StreamProcessor processor) {
			this.processors.add(processor);
		}
		return resource;
	}

	/**
	 * Add entries and record them in the ledger (as writer {@code producer}), retrying an
	 * add that fails on a connection broken by an earlier fault (an entry may then be
	 * written without being recorded, which the checker tolerates).
	 * @param stream the stream
	 * @param count how many entries
	 * @return the ids recorded
	 */
	public List<String> add(RedisEventStream stream, int count) {
		if (this.producer == null) {
			this.producer = this.ledger.writer("producer");
		}
		List<String> ids = new ArrayList<>();
		int failures = 0;
		for (int i = 0; i < count; i++) {
			try {
				String id = stream.add("item-" + i);
				this.producer.added(id);
				ids.add(id);
			}
			catch (JedisConnectionException ex) {
				if (++failures > 50) {
					throw ex;
				}
				i--;
				pause(Duration.ofMillis(20));
			}
		}
		return ids;
	}

	/**
	 * Options for a consumer of the scenario's group.
	 * @param consumer the consumer id
	 * @param lease the lease
	 * @return the options builder
	 */
	public static ProcessOptions.Builder<String> options(String consumer, Duration lease) {
		return ProcessOptions.builder(String.class)
			.group(GROUP)
			.consumerId(consumer)
			.startFrom(StartFrom.OLDEST)
			.lease(lease)
			.backoff(io.github.processredisevents.core.Backoff.fixed(Duration.ofMillis(100)));
	}

	/**
	 * Start an in-process consumer that records in the ledger.
	 * @param events the engine
	 * @param options its options (with a consumer id)
	 * @param workMillis how long each entry takes
	 * @return the processor, stopped with the scenario
	 */
	public StreamProcessor consume(RedisEvents events, ProcessOptions<String> options, long workMillis) {
		String consumer = options.consumerId();
		RecordingHandler<String> handler = new RecordingHandler<>(this.ledger.writer(consumer), consumer,
				(item) -> workMillis);
		return track(events.stream(STREAM).process(options, handler));
	}

	/**
	 * Settings for a child consumer JVM on this scenario's Redis.
	 * @param leaseMillis the lease
	 * @param concurrency the concurrency
	 * @param workMillis how long each entry takes
	 * @return the settings
	 */
	public Map<String, Object> childSettings(long leaseMillis, int concurrency, long workMillis) {
		return new java.util.LinkedHashMap<>(Map.of("host", this.redis.host(), "port", this.redis.port(), "stream",
				STREAM, "group", GROUP, "leaseMs", leaseMillis, "concurrency", concurrency, "workMs", workMillis));
	}

	/**
	 * How many of the in-process consumers' loops run.
	 * @return the count
	 */
	public int alive() {
		return (int) this.processors.stream().filter((processor) -> processor.health().loopAlive()).count();
	}

	/**
	 * Wait a little without asserting anything about time (lets a fault act).
	 * @param duration how long
	 */
	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			try {
				this.resources.get(i).close();
			}
			catch (Exception ex) {
				// keep closing
			}
		}
		this.redis.close();
	}

}
