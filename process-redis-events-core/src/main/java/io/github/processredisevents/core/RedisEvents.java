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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.processredisevents.core.observation.RedisEventProcessObservationConvention;
import io.github.processredisevents.core.observation.RedisEventSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entry point of the engine: Redis clients, JSON mapper and key prefix, from which
 * {@link #stream(String) stream handles} are made.
 *
 * <pre class="code">
 * try (RedisEvents events = RedisEvents.connect(new HostAndPort("127.0.0.1", 6379))) {
 *     RedisEventStream orders = events.stream("orders");
 *     orders.add(new Order("o-1", 12.5));
 *     StreamProcessor processor = orders.process(
 *             ProcessOptions.builder(Order.class).group("billing").build(),
 *             (item) -&gt; bill(item.data()));
 * }
 * </pre>
 * <p>
 * While at least one processor runs, the engine keeps the JVM alive with one non-daemon
 * thread ({@code redis-events-keep-alive}), so that a {@code main} that starts processors
 * and returns, or a Spring Boot application without a web server, stays up until the
 * processors are stopped or the engine is closed (a shutdown hook or {@code SIGTERM}
 * still ends it). Every other engine thread is a daemon thread. Build with
 * {@link Builder#keepAlive(boolean) keepAlive(false)} when something else decides when
 * the JVM ends.
 *
 * @since 0.1.0
 */
public final class RedisEvents implements AutoCloseable {

	/** The default key prefix: stream {@code orders} lives at {@code stream:orders}. */
	public static final String DEFAULT_KEY_PREFIX = "stream:";

	/**
	 * How much longer than the longest blocking read a read may take before the
	 * connection is deemed dead.
	 */
	static final Duration BLOCKING_READ_MARGIN = Duration.ofSeconds(5);

	private final UnifiedJedis client;

	private final @Nullable Supplier<UnifiedJedis> blockingClientFactory;

	private final WireCodec codec;

	private final String keyPrefix;

	private final boolean ownsClient;

	private final EntryObservations observations;

	private final KeepAlive keepAlive;

	private final SharedThreads shared;

	private final Map<String, Integer> partitions;

	private final Map<String, PartitionKey> partitionKeys;

	private final Map<String, PartitionedStream> partitionedStreams = new ConcurrentHashMap<>();

	private final List<StreamProcessor> processors = new CopyOnWriteArrayList<>();

	private final List<StreamProcessor> stopFirst = new CopyOnWriteArrayList<>();

	private RedisEvents(Builder builder) {
		this.client = builder.client;
		this.blockingClientFactory = builder.blockingClientFactory;
		this.codec = new WireCodec((builder.jsonMapper != null) ? builder.jsonMapper : JsonMapper.builder().build());
		this.keyPrefix = builder.keyPrefix;
		this.ownsClient = builder.ownsClient;
		this.observations = (builder.observationRegistry != null) ? new EntryObservations(builder.observationRegistry,
				builder.sendObservationConvention, builder.processObservationConvention, builder.linkToProducer)
				: EntryObservations.NONE;
		this.keepAlive = new KeepAlive(builder.keepAlive);
		this.shared = new SharedThreads(this.client);
		this.partitions = Map.copyOf(builder.partitions);
		this.partitionKeys = Map.copyOf(builder.partitionKeys);
	}

	/**
	 * Connect to a standalone Redis without authentication.
	 * @param address where Redis listens
	 * @return the engine, owning its clients (close it when done)
	 */
	public static RedisEvents connect(HostAndPort address) {
		return connect(address, DefaultJedisClientConfig.builder().build());
	}

	/**
	 * Connect to a standalone Redis. Commands go through a pool; each processor reads on
	 * a connection of its own, whose socket timeout covers the blocking reads so that a
	 * dead peer is noticed.
	 * @param address where Redis listens
	 * @param config credentials, database, TLS and timeouts
	 * @return the engine, owning its clients (close it when done)
	 */
	public static RedisEvents connect(HostAndPort address, JedisClientConfig config) {
		Builder builder = builder(new JedisPooled(address, config))
			.blockingClientFactory(() -> new UnifiedJedis(address, blockingReadConfig(config)));
		builder.ownsClient = true;
		return builder.build();
	}

	/**
	 * Connect to a Redis Cluster. Commands go through a cluster client that follows the
	 * cluster's topology (failovers, resharding); each processor reads through a cluster
	 * client of its own, with a small pool per node and a socket timeout that covers the
	 * blocking reads.
	 * @param nodes some nodes of the cluster; the others are discovered
	 * @param config credentials, TLS and timeouts
	 * @return the engine, owning its clients (close it when done)
	 * @since 0.1.0
	 */
	public static RedisEvents connectCluster(Set<HostAndPort> nodes, JedisClientConfig config) {
		Set<HostAndPort> seeds = Set.copyOf(nodes);
		if (seeds.isEmpty()) {
			throw new IllegalArgumentException("'nodes' must name at least one cluster node");
		}
		ConnectionPoolConfig blockingPool = new ConnectionPoolConfig();
		blockingPool.setMaxTotal(2);
		Builder builder = builder(new JedisCluster(seeds, config))
			.blockingClientFactory(() -> new JedisCluster(seeds, blockingReadConfig(config), blockingPool));
		builder.ownsClient = true;
		return builder.build();
	}

	/**
	 * A client configuration for blocking reads: the given one, with a read timeout of
	 * the longest blocking read plus a margin instead of none.
	 * @param config the configuration to start from
	 * @return the configuration for blocking reads
	 */
	public static JedisClientConfig blockingReadConfig(JedisClientConfig config) {
		int timeout = (int) (Duration.ofSeconds(1).plus(BLOCKING_READ_MARGIN).toMillis());
		return DefaultJedisClientConfig.builder()
			.from(config)
			.blockingSocketTimeoutMillis(Math.max(timeout, config.getSocketTimeoutMillis()))
			.build();
	}

	/**
	 * Start building an engine on a client that the caller owns (and closes).
	 * @param client the client for commands: a {@link JedisPooled}, a
	 * {@code JedisCluster} or any other {@link UnifiedJedis}
	 * @return a builder
	 */
	public static Builder builder(UnifiedJedis client) {
		return new Builder(client);
	}

	/**
	 * A handle for the stream called {@code name}.
	 * @param name the stream name, without key prefix; a name with a hash tag such as
	 * {@code {orders}} keeps all its keys in one cluster slot
	 * @return the stream handle
	 */
	public RedisEventStream stream(String name) {
		Objects.requireNonNull(name, "'name' must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("'name' must not be blank");
		}
		return new RedisEventStream(this, StreamKeys.of(this.keyPrefix, name), null);
	}

	/**
	 * A handle for the logical stream called {@code name}, split into as many partitions
	 * as {@link Builder#partitions(String, int)} set (one by default: then its only
	 * partition is {@link #stream(String) the plain stream}).
	 * @param name the logical stream's name, without key prefix
	 * @return the partitioned stream
	 */
	public PartitionedStream partitionedStream(String name) {
		Objects.requireNonNull(name, "'name' must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("'name' must not be blank");
		}
		// one handle per name, so that entries without a key go round all partitions
		return this.partitionedStreams.computeIfAbsent(name,
				(stream) -> new PartitionedStream(this, stream, partitions(stream), this.partitionKeys.get(stream)));
	}

	/**
	 * How many partitions a logical stream has.
	 * @param name the logical stream's name
	 * @return the count, 1 unless set
	 */
	public int partitions(String name) {
		return this.partitions.getOrDefault(name, 1);
	}

	/**
	 * Where the key of an entry of a logical stream sits in its payload.
	 * @param stream the logical stream's name
	 * @return the JSON Pointer set with {@link Builder#partitionKey(String, String)}, or
	 * {@code null} when none was set
	 * @since 0.1.0
	 */
	public @Nullable String partitionKey(String stream) {
		PartitionKey key = this.partitionKeys.get(stream);
		return (key != null) ? key.pointer() : null;
	}

	/**
	 * The client commands are sent with.
	 * @return the client
	 */
	public UnifiedJedis client() {
		return this.client;
	}

	/**
	 * Check that Redis answers a {@code PING}.
	 * @throws redis.clients.jedis.exceptions.JedisException if it does not
	 * @since 0.1.0
	 */
	public void ping() {
		this.client.ping();
	}

	/**
	 * The JSON mapper payloads are read and written with.
	 * @return the mapper
	 */
	public JsonMapper jsonMapper() {
		return this.codec.jsonMapper();
	}

	/**
	 * The key prefix.
	 * @return the prefix, {@code stream:} by default
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * The processors started through this engine and not yet stopped.
	 * @return the processors
	 */
	public List<StreamProcessor> processors() {
		this.processors.removeIf((processor) -> processor.state() == ProcessorState.STOPPED);
		return List.copyOf(this.processors);
	}

	/**
	 * Stop every processor started through this engine, then close the clients it owns.
	 */
	@Override
	public void close() {
		// ordered processors give up their partitions before their partitions stop
		for (StreamProcessor processor : this.stopFirst) {
			processor.stop();
		}
		this.stopFirst.clear();
		for (StreamProcessor processor : this.processors) {
			processor.stop();
		}
		this.processors.clear();
		this.shared.close();
		if (this.ownsClient) {
			this.client.close();
		}
	}

	/**
	 * Stop a processor before the others when the engine closes.
	 */
	void stopFirstOnClose(StreamProcessor processor) {
		this.stopFirst.removeIf((stopped) -> stopped.state() == ProcessorState.STOPPED);
		this.stopFirst.add(processor);
	}

	WireCodec codec() {
		return this.codec;
	}

	EntryObservations observations() {
		return this.observations;
	}

	<T, R> StreamProcessor start(StreamKeys keys, @Nullable TrimPolicy trim, ProcessOptions<T> options,
			java.util.function.@Nullable Function<List<T>, List<R>> mapper, QueueHandler<R> handler,
			@Nullable BatchHandler<R> batchHandler) {
		if (options.ordered()) {
			throw new IllegalArgumentException("Ordered processing of stream '" + keys.name()
					+ "' coordinates the consumers of all its partitions: start it with RedisEvents.partitionedStream(\""
					+ keys.name() + "\").process(...)");
		}
		return start(keys, trim, options, mapper, handler, batchHandler, null);
	}

	/**
	 * Start a processor; with {@code ordered}, the processor of one partition of an
	 * ordered processor.
	 */
	<T, R> DefaultStreamProcessor<T, R> start(StreamKeys keys, @Nullable TrimPolicy trim, ProcessOptions<T> options,
			java.util.function.@Nullable Function<List<T>, List<R>> mapper, QueueHandler<R> handler,
			@Nullable BatchHandler<R> batchHandler, @Nullable OrderedPartition ordered) {
		if (this.client instanceof JedisCluster) {
			keys.requireOneSlotOnCluster(options.deadLetter());
		}
		UnifiedJedis blocking = (this.blockingClientFactory != null) ? this.blockingClientFactory.get() : null;
		DefaultStreamProcessor<T, R> processor = new DefaultStreamProcessor<>(this.client, blocking, keys, this.codec,
				trim, options, mapper, handler, batchHandler, this.observations, this.shared, ordered);
		this.processors.add(processor);
		this.keepAlive.acquire();
		processor.whenStopped(this.keepAlive::release);
		processor.start();
		return processor;
	}

	/**
	 * Builds {@link RedisEvents}.
	 */
	public static final class Builder {

		private final UnifiedJedis client;

		private @Nullable Supplier<UnifiedJedis> blockingClientFactory;

		private @Nullable JsonMapper jsonMapper;

		private String keyPrefix = DEFAULT_KEY_PREFIX;

		private boolean ownsClient;

		private @Nullable ObservationRegistry observationRegistry;

		private @Nullable RedisEventSendObservationConvention sendObservationConvention;

		private @Nullable RedisEventProcessObservationConvention processObservationConvention;

		private boolean linkToProducer;

		private boolean keepAlive = true;

		private final Map<String, Integer> partitions = new LinkedHashMap<>();

		private final Map<String, PartitionKey> partitionKeys = new LinkedHashMap<>();

		private Builder(UnifiedJedis client) {
			this.client = Objects.requireNonNull(client, "'client' must not be null");
		}

		/**
		 * Set how each processor gets the client for its blocking reads, which it closes
		 * on stop. Give it a read timeout longer than a second (see
		 * {@link RedisEvents#blockingReadConfig}). Without one, blocking reads borrow
		 * from the command client.
		 * @param factory creates one client per processor
		 * @return this builder
		 */
		public Builder blockingClientFactory(@Nullable Supplier<UnifiedJedis> factory) {
			this.blockingClientFactory = factory;
			return this;
		}

		/**
		 * Set the JSON mapper for payloads.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(@Nullable JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Set the key prefix.
		 * @param keyPrefix the prefix, {@code stream:} by default
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = Objects.requireNonNull(keyPrefix, "'keyPrefix' must not be null");
			return this;
		}

		/**
		 * Observe every add ({@code send}) and every delivery handled ({@code process})
		 * with this registry. With Micrometer Tracing's propagating handlers in it, an
		 * add writes {@code traceparent} (and {@code tracestate}) after {@code data}, and
		 * each delivery's span continues that trace.
		 * @param registry the registry, or {@code null} for no observations
		 * @return this builder
		 */
		public Builder observationRegistry(@Nullable ObservationRegistry registry) {
			this.observationRegistry = registry;
			return this;
		}

		/**
		 * Set the convention for send observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder sendObservationConvention(@Nullable RedisEventSendObservationConvention convention) {
			this.sendObservationConvention = convention;
			return this;
		}

		/**
		 * Set the convention for process observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder processObservationConvention(@Nullable RedisEventProcessObservationConvention convention) {
			this.processObservationConvention = convention;
			return this;
		}

		/**
		 * Set whether a delivery's span starts a trace of its own, linked to the
		 * producer's span, instead of being the producer span's child (the default).
		 * Links need a tracing handler that reads
		 * {@code RedisEventProcessContext.getProducerTraceparent()}; the Spring Boot
		 * starter registers one.
		 * @param linkToProducer whether to link rather than continue
		 * @return this builder
		 */
		public Builder linkToProducer(boolean linkToProducer) {
			this.linkToProducer = linkToProducer;
			return this;
		}

		/**
		 * Set whether the engine keeps the JVM alive while at least one of its processors
		 * runs, with one non-daemon thread; otherwise only daemon threads run and the JVM
		 * may end while processors run.
		 * @param keepAlive whether to keep the JVM alive, {@code true} by default
		 * @return this builder
		 */
		public Builder keepAlive(boolean keepAlive) {
			this.keepAlive = keepAlive;
			return this;
		}

		/**
		 * Split a logical stream into partitions (see {@link PartitionedStream}).
		 * Producers and consumers of a stream must agree on its partition count.
		 * @param stream the logical stream's name
		 * @param partitions how many partitions, from 1 to
		 * {@value PartitionedStream#MAX_PARTITIONS}
		 * @return this builder
		 */
		public Builder partitions(String stream, int partitions) {
			Objects.requireNonNull(stream, "'stream' must not be null");
			PartitionedStream.requireValid(stream, partitions);
			this.partitions.put(stream, partitions);
			return this;
		}

		/**
		 * Set where the key of an entry of a logical stream sits in its payload. The wire
		 * format carries nothing but the payload, so the key is read from it: the text of
		 * the string, number or boolean at the pointer. Producers then route each entry
		 * to the partition of its key ({@link PartitionedStream#add(Object)}), and
		 * ordered consumers ({@link ProcessOptions.Builder#ordered(boolean)}) keep
		 * entries of one key in order.
		 * @param stream the logical stream's name
		 * @param jsonPointer a JSON Pointer starting with {@code /}, such as
		 * {@code /customerId}
		 * @return this builder
		 * @throws IllegalArgumentException if the pointer is not a valid JSON Pointer
		 * starting with {@code /}, naming the stream
		 * @since 0.1.0
		 */
		public Builder partitionKey(String stream, String jsonPointer) {
			Objects.requireNonNull(stream, "'stream' must not be null");
			this.partitionKeys.put(stream, PartitionKey.of(stream, jsonPointer));
			return this;
		}

		/**
		 * Build the engine.
		 * @return the engine
		 */
		public RedisEvents build() {
			return new RedisEvents(this);
		}

	}

}
