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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A logical stream split into partitions: each partition is a normal wire-format stream
 * with dead letters and events of its own, and all keys of one partition share a Redis
 * Cluster hash slot. Partition {@code i} of stream {@code orders} is the stream
 * {@code {orders:i}} (keys {@code stream:{orders:i}}, {@code stream:dlq:{orders:i}},
 * {@code stream:events:{orders:i}}); the hash tags differ per partition, so partitions
 * spread over the cluster's primaries. A stream of one partition is the plain stream
 * {@code orders}.
 *
 * <p>
 * An entry added with a key goes to partition {@code crc16(key) mod partitions} (the
 * CRC16 of the key's UTF-8 bytes that Redis Cluster uses for slots), so entries of one
 * key stay in one partition in the order they were added. Entries added without a key are
 * spread round-robin, unless the stream has a
 * {@link RedisEvents.Builder#partitionKey(String, String) partition key}: then each entry
 * goes to the partition of the key in its payload, so that producers and
 * {@link ProcessOptions#ordered() ordered} consumers agree on where a key lives.
 *
 * @since 0.1.0
 */
public final class PartitionedStream {

	private static final Logger logger = LoggerFactory.getLogger(PartitionedStream.class);

	/** The most partitions a stream may have. */
	public static final int MAX_PARTITIONS = 1024;

	private final RedisEvents events;

	private final String name;

	private final List<RedisEventStream> partitions;

	private final AtomicLong next = new AtomicLong();

	private final @Nullable PartitionKey partitionKey;

	PartitionedStream(RedisEvents events, String name, int partitions, @Nullable PartitionKey partitionKey) {
		this.events = events;
		this.name = name;
		this.partitionKey = partitionKey;
		List<RedisEventStream> streams = new ArrayList<>(partitions);
		for (int i = 0; i < partitions; i++) {
			streams.add(events.stream(partitionName(name, partitions, i)));
		}
		this.partitions = List.copyOf(streams);
	}

	/**
	 * The name of one partition's stream.
	 * @param name the logical stream's name
	 * @param partitions how many partitions it has
	 * @param partition the partition, from 0
	 * @return {@code name} itself for a stream of one partition, else {@code {name:i}}
	 */
	public static String partitionName(String name, int partitions, int partition) {
		requireValid(name, partitions);
		if (partition < 0 || partition >= partitions) {
			throw new IllegalArgumentException(
					"'partition' must lie in [0, " + partitions + ") for stream '" + name + "', but was " + partition);
		}
		return (partitions == 1) ? name : "{" + name + ":" + partition + "}";
	}

	/**
	 * The partition that entries with a key go to.
	 * @param key the key
	 * @param partitions how many partitions the stream has
	 * @return {@code crc16(UTF-8 bytes of key) mod partitions}
	 */
	public static int partitionOf(String key, int partitions) {
		Objects.requireNonNull(key, "'key' must not be null");
		return JedisClusterCRC16.getCRC16(key.getBytes(StandardCharsets.UTF_8)) % partitions;
	}

	static void requireValid(String name, int partitions) {
		if (partitions < 1 || partitions > MAX_PARTITIONS) {
			throw new IllegalArgumentException("'partitions' of stream '" + name + "' must lie in [1, " + MAX_PARTITIONS
					+ "], but was " + partitions);
		}
		if (partitions > 1 && (name.indexOf('{') >= 0 || name.indexOf('}') >= 0)) {
			throw new IllegalArgumentException(
					"Stream '" + name + "' has " + partitions + " partitions, which choose hash tags of their own ({"
							+ name.replaceAll("[{}]", "") + ":0}, ...); name it without braces");
		}
	}

	/**
	 * The logical stream's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The partitions' streams, in partition order.
	 * @return the streams
	 */
	public List<RedisEventStream> partitions() {
		return this.partitions;
	}

	/**
	 * The partition entries with this key go to.
	 * @param key the key
	 * @return the partition's stream
	 */
	public RedisEventStream partitionFor(String key) {
		return this.partitions.get(partitionOf(key, this.partitions.size()));
	}

	/**
	 * Add an entry to the partition of the key in its payload when the stream has a
	 * partition key, else to the next partition in turn.
	 * @param payload the payload, written as JSON
	 * @return the entry id (unique within its partition)
	 * @throws IllegalArgumentException if the stream has a partition key and the payload
	 * has no string, number or boolean at its pointer
	 */
	public String add(@Nullable Object payload) {
		if (this.partitionKey == null) {
			return nextPartition().add(payload);
		}
		String json = this.events.codec().encode(payload);
		String key = this.partitionKey.requireKey(this.events.jsonMapper(), json, payload);
		return partitionFor(key).addJson(json);
	}

	/**
	 * Add an entry to the partition of its key.
	 * @param key the key; entries of one key keep their order
	 * @param payload the payload, written as JSON
	 * @return the entry id (unique within its partition)
	 * @throws IllegalArgumentException if the stream has a partition key and the key in
	 * the payload is not {@code key}
	 */
	public String add(String key, @Nullable Object payload) {
		Objects.requireNonNull(key, "'key' must not be null");
		if (this.partitionKey == null) {
			return partitionFor(key).add(payload);
		}
		String json = this.events.codec().encode(payload);
		String payloadKey = this.partitionKey.keyOf(this.events.jsonMapper(), json);
		if (!key.equals(payloadKey)) {
			throw new IllegalArgumentException("Stream '" + this.name + "' routes entries by the key at JSON Pointer '"
					+ this.partitionKey.pointer() + "', which is "
					+ ((payloadKey != null) ? "'" + payloadKey + "'" : "missing") + " in a payload of type "
					+ ((payload != null) ? payload.getClass().getName() : "null") + ", not the key given, '" + key
					+ "'");
		}
		return partitionFor(key).addJson(json);
	}

	/**
	 * Add several entries in one pipeline per partition: each to the partition of the key
	 * in its payload when the stream has a partition key, else spread round-robin.
	 * @param payloads the payloads
	 * @return the entry ids, in order
	 * @throws IllegalArgumentException if the stream has a partition key and a payload
	 * has no string, number or boolean at its pointer (then nothing is added)
	 */
	public List<String> addAll(List<?> payloads) {
		Objects.requireNonNull(payloads, "'payloads' must not be null");
		if (this.partitionKey != null) {
			return addAllByKey(payloads, this.partitionKey);
		}
		int count = this.partitions.size();
		if (count == 1) {
			return this.partitions.get(0).addAll(payloads);
		}
		int first = (int) Math.floorMod(this.next.getAndAdd(payloads.size()), (long) count);
		List<List<Object>> perPartition = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			perPartition.add(new ArrayList<>());
		}
		for (int i = 0; i < payloads.size(); i++) {
			perPartition.get((first + i) % count).add(payloads.get(i));
		}
		List<List<String>> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(perPartition.get(i).isEmpty() ? List.of() : this.partitions.get(i).addAll(perPartition.get(i)));
		}
		String[] result = new String[payloads.size()];
		int[] taken = new int[count];
		for (int i = 0; i < payloads.size(); i++) {
			int partition = (first + i) % count;
			result[i] = ids.get(partition).get(taken[partition]++);
		}
		return Arrays.asList(result);
	}

	private List<String> addAllByKey(List<?> payloads, PartitionKey key) {
		int count = this.partitions.size();
		int[] partitionOf = new int[payloads.size()];
		List<List<String>> perPartition = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			perPartition.add(new ArrayList<>());
		}
		for (int i = 0; i < payloads.size(); i++) {
			Object payload = payloads.get(i);
			String json = this.events.codec().encode(payload);
			partitionOf[i] = partitionOf(key.requireKey(this.events.jsonMapper(), json, payload), count);
			perPartition.get(partitionOf[i]).add(json);
		}
		List<List<String>> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(perPartition.get(i).isEmpty() ? List.of() : this.partitions.get(i).addAllJson(perPartition.get(i)));
		}
		String[] result = new String[payloads.size()];
		int[] taken = new int[count];
		for (int i = 0; i < payloads.size(); i++) {
			result[i] = ids.get(partitionOf[i]).get(taken[partitionOf[i]]++);
		}
		return Arrays.asList(result);
	}

	/**
	 * Process every partition: one consumer per partition in this process, with
	 * {@code ceil(concurrency / partitions)} (at least one) entries at once each, so that
	 * a busy partition never starves the others. All of them use one consumer id.
	 * Consumers in other processes share each partition through its consumer group.
	 * @param <T> the payload type
	 * @param options how to process
	 * @param handler what to do with each entry
	 * @return the running processor of all partitions
	 */
	public <T> StreamProcessor process(ProcessOptions<T> options, QueueHandler<T> handler) {
		Objects.requireNonNull(options, "'options' must not be null");
		if (options.ordered()) {
			return startOrdered(options, null, handler);
		}
		return startAll(options, (partition, each) -> partition.process(each, handler));
	}

	/**
	 * Process every partition, mapping each fetched batch (see
	 * {@link RedisEventStream#process(ProcessOptions, Function, QueueHandler)}).
	 * @param <T> the payload type
	 * @param <R> the type the handler takes
	 * @param options how to process
	 * @param mapper maps a batch; must return one item per entry, in order
	 * @param handler what to do with each mapped entry
	 * @return the running processor of all partitions
	 */
	public <T, R> StreamProcessor process(ProcessOptions<T> options, Function<List<T>, List<R>> mapper,
			QueueHandler<R> handler) {
		Objects.requireNonNull(options, "'options' must not be null");
		if (options.ordered()) {
			return startOrdered(options, mapper, handler);
		}
		return startAll(options, (partition, each) -> partition.process(each, mapper, handler));
	}

	/**
	 * Process every partition in batches (see
	 * {@link RedisEventStream#processBatches(ProcessOptions, BatchHandler)}).
	 * @param <T> the payload type
	 * @param options how to process
	 * @param handler what to do with each batch
	 * @return the running processor of all partitions
	 */
	public <T> StreamProcessor processBatches(ProcessOptions<T> options, BatchHandler<T> handler) {
		rejectOrderedBatches(this.name, options);
		return startAll(options, (partition, each) -> partition.processBatches(each, handler));
	}

	/**
	 * Process every partition in mapped batches (see
	 * {@link RedisEventStream#processBatches(ProcessOptions, Function, BatchHandler)}).
	 * @param <T> the payload type
	 * @param <R> the type the handler takes
	 * @param options how to process
	 * @param mapper maps a batch; must return one item per entry, in order
	 * @param handler what to do with each mapped batch
	 * @return the running processor of all partitions
	 */
	public <T, R> StreamProcessor processBatches(ProcessOptions<T> options, Function<List<T>, List<R>> mapper,
			BatchHandler<R> handler) {
		rejectOrderedBatches(this.name, options);
		return startAll(options, (partition, each) -> partition.processBatches(each, mapper, handler));
	}

	/**
	 * The streams of an earlier partition count that still exist: the plain stream when
	 * there are several partitions now, and partitions numbered beyond the current count
	 * (from 0 when there is one partition now). Producers no longer write to them;
	 * processors consume them until they are deleted, so that changing the partition
	 * count strands no entry.
	 * @return the retired partitions, empty when there are none
	 */
	public List<RedisEventStream> retiredPartitions() {
		List<RedisEventStream> retired = new ArrayList<>();
		int count = this.partitions.size();
		if (count > 1) {
			RedisEventStream plain = this.events.stream(this.name);
			if (this.events.client().exists(plain.key())) {
				retired.add(plain);
			}
		}
		if (this.name.indexOf('{') < 0 && this.name.indexOf('}') < 0) {
			for (int i = (count == 1) ? 0 : count; i < MAX_PARTITIONS; i++) {
				RedisEventStream partition = this.events.stream("{" + this.name + ":" + i + "}");
				if (!this.events.client().exists(partition.key())) {
					break;
				}
				retired.add(partition);
			}
		}
		return retired;
	}

	private <T> StreamProcessor startAll(ProcessOptions<T> options,
			BiFunction<RedisEventStream, ProcessOptions<T>, StreamProcessor> start) {
		Objects.requireNonNull(options, "'options' must not be null");
		if (options.ordered()) {
			requirePartitionKey(options);
		}
		List<RedisEventStream> streams = new ArrayList<>(this.partitions);
		streams.addAll(retiredPartitionsIfReachable());
		int count = streams.size();
		if (count == 1) {
			return start.apply(streams.get(0), options);
		}
		ProcessOptions<T> each = options.toBuilder()
			.consumerId((options.consumerId() != null) ? options.consumerId() : ConsumerIds.generate())
			.concurrency(Math.max(1, (options.concurrency() + count - 1) / count))
			.build();
		List<StreamProcessor> processors = new ArrayList<>(count);
		try {
			for (RedisEventStream partition : streams) {
				processors.add(start.apply(partition, each));
			}
		}
		catch (RuntimeException ex) {
			processors.forEach(StreamProcessor::stop);
			throw ex;
		}
		return new PartitionedStreamProcessor(this.name, options, processors);
	}

	/**
	 * Start an ordered processor: a processor per partition, each fetching only while
	 * this consumer owns its partition, and the thread that decides which it owns.
	 */
	private <T, R> StreamProcessor startOrdered(ProcessOptions<T> options, @Nullable Function<List<T>, List<R>> mapper,
			QueueHandler<R> handler) {
		Objects.requireNonNull(handler, "'handler' must not be null");
		PartitionKey key = requirePartitionKey(options);
		List<RedisEventStream> streams = new ArrayList<>(this.partitions);
		List<RedisEventStream> retired = retiredPartitionsIfReachable();
		streams.addAll(retired);
		int count = streams.size();
		ProcessOptions<T> each = options.toBuilder()
			.consumerId((options.consumerId() != null) ? options.consumerId() : ConsumerIds.generate())
			.concurrency(Math.max(1, (options.concurrency() + count - 1) / count))
			.build();
		int parkLimit = OrderedStreamProcessor.parkLimit(options);
		List<DefaultStreamProcessor<?, ?>> processors = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				RedisEventStream partition = streams.get(i);
				OrderedPartition view = new OrderedPartition(partition.name(), key, this.events.jsonMapper(),
						(i < this.partitions.size()) ? i : -1, this.partitions.size(), parkLimit);
				processors.add(partition.processOrdered(each, mapper, handler, view));
			}
		}
		catch (RuntimeException ex) {
			processors.forEach(StreamProcessor::stop);
			throw ex;
		}
		PartitionOwnership ownership = new PartitionOwnership(this.events.client(), this.events.keyPrefix(), this.name,
				options.group(), Objects.requireNonNull(each.consumerId()), options.lease());
		OrderedStreamProcessor processor = new OrderedStreamProcessor(
				new PartitionedStreamProcessor(this.name, options, new ArrayList<>(processors)), processors, ownership,
				retired.size());
		this.events.stopFirstOnClose(processor);
		processor.start();
		return processor;
	}

	private PartitionKey requirePartitionKey(ProcessOptions<?> options) {
		PartitionKey key = this.partitionKey;
		if (key == null) {
			throw new IllegalStateException("Ordered processing of stream '" + this.name + "' (group '"
					+ options.group() + "') needs the key of each entry: set redis-events.streams." + this.name
					+ ".partition-key (or RedisEvents.Builder.partitionKey) to the JSON Pointer of the key in the payload, e.g. /customerId");
		}
		return key;
	}

	static void rejectOrderedBatches(String stream, ProcessOptions<?> options) {
		if (options.ordered()) {
			throw new IllegalArgumentException("Ordered processing of stream '" + stream + "' (group '"
					+ options.group()
					+ "') takes one entry at a time, so it cannot have a batch handler: handle single entries or set ordered to false");
		}
	}

	private List<RedisEventStream> retiredPartitionsIfReachable() {
		try {
			return retiredPartitions();
		}
		catch (JedisException ex) {
			// Redis away at startup, or an ACL without EXISTS or these keys: the fetch
			// loops
			// report what matters
			logger.debug("Could not look for retired partitions of stream '{}' ({}); consuming the {} current ones",
					this.name, ex.getMessage(), this.partitions.size());
			return List.of();
		}
	}

	private RedisEventStream nextPartition() {
		int count = this.partitions.size();
		return this.partitions.get((count == 1) ? 0 : (int) Math.floorMod(this.next.getAndIncrement(), (long) count));
	}

	@Override
	public String toString() {
		return "PartitionedStream[" + this.name + " x " + this.partitions.size() + "]";
	}

}
