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
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.processredisevents.core.observation.RedisEventSendContext;
import io.github.processredisevents.core.observation.TraceFields;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * A handle for one stream: add entries, inspect the stream and its groups, and process
 * it. Its dead letters and events are streams with handles of their own.
 *
 * @since 0.1.0
 */
public final class RedisEventStream {

	private static final int REDRIVE_CHUNK = 100;

	private final RedisEvents events;

	private final StreamKeys keys;

	private final @Nullable TrimPolicy trim;

	RedisEventStream(RedisEvents events, StreamKeys keys, @Nullable TrimPolicy trim) {
		this.events = events;
		this.keys = keys;
		this.trim = trim;
	}

	/**
	 * The stream's name, without key prefix.
	 * @return the name
	 */
	public String name() {
		return this.keys.name();
	}

	/**
	 * The stream's Redis key.
	 * @return the key, such as {@code stream:orders}
	 */
	public String key() {
		return this.keys.stream();
	}

	/**
	 * A handle for the same stream that trims it whenever an entry is added (also applied
	 * to its events).
	 * @param trim the trim policy, or {@code null} for none
	 * @return the handle
	 */
	public RedisEventStream withTrim(@Nullable TrimPolicy trim) {
		return new RedisEventStream(this.events, this.keys, trim);
	}

	/**
	 * The stream its dead letters go to ({@code dlq:NAME}).
	 * @return the dead-letter stream
	 */
	public RedisEventStream deadLetterStream() {
		return this.events.stream("dlq:" + name());
	}

	/**
	 * The stream its events go to ({@code events:NAME}).
	 * @return the event stream
	 */
	public RedisEventStream eventStream() {
		return this.events.stream("events:" + name());
	}

	/**
	 * Add an entry whose {@code data} is the payload as JSON. An add that meets a broken
	 * pooled connection is tried once more on a fresh one; other failures (Redis down,
	 * out of memory, no permission) are thrown to the caller.
	 * @param payload any value the JSON mapper writes: an object, string, number, array
	 * @return the entry id
	 */
	public String add(@Nullable Object payload) {
		return addJson(this.events.codec().encode(payload));
	}

	/**
	 * Add several entries in one pipeline.
	 * @param payloads the payloads
	 * @return the entry ids, in order
	 */
	public List<String> addAll(List<?> payloads) {
		Objects.requireNonNull(payloads, "'payloads' must not be null");
		List<String> json = new ArrayList<>(payloads.size());
		for (Object payload : payloads) {
			json.add(this.events.codec().encode(payload));
		}
		return addAllJson(json);
	}

	/**
	 * Add several entries, given as their {@code data} JSON, in one pipeline.
	 */
	List<String> addAllJson(List<String> json) {
		EntryObservations observations = this.events.observations();
		if (!observations.enabled() || json.isEmpty()) {
			return addAllFields(json, Map.of());
		}
		RedisEventSendContext context = new RedisEventSendContext(new LinkedHashMap<>(), name(), key(), json.size());
		Observation observation = observations.send(context);
		try {
			return addAllFields(json, context.getCarrier());
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private List<String> addAllFields(List<String> json, @Nullable Map<String, String> traceFields) {
		return retryingOnStaleConnection(() -> {
			List<Response<StreamEntryID>> responses = new ArrayList<>(json.size());
			try (AbstractPipeline pipeline = this.events.client().pipelined()) {
				for (String data : json) {
					Map<String, String> fields = Map.of(WireCodec.DATA_FIELD, data);
					if (traceFields != null && !traceFields.isEmpty()) {
						fields = EntryObservations.fields(data);
						fields.putAll(traceFields);
					}
					responses.add(pipeline.xadd(key(), addParams(), fields));
				}
				pipeline.sync();
			}
			List<String> ids = new ArrayList<>(responses.size());
			for (Response<StreamEntryID> response : responses) {
				ids.add(RedisErrors.call("XADD", key(), response::get).toString());
			}
			return ids;
		});
	}

	/**
	 * Add an entry whose {@code data} is the given text, as is.
	 * @param data the {@code data} field, normally JSON
	 * @return the entry id
	 */
	public String addJson(String data) {
		Objects.requireNonNull(data, "'data' must not be null");
		EntryObservations observations = this.events.observations();
		if (!observations.enabled()) {
			return addFields(Map.of(WireCodec.DATA_FIELD, data));
		}
		RedisEventSendContext context = new RedisEventSendContext(EntryObservations.fields(data), name(), key(), 1);
		Observation observation = observations.send(context);
		try {
			String id = addFields(context.getCarrier());
			context.setEntryId(id);
			return id;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Add an entry with these fields ({@code data} first).
	 */
	private String addFields(Map<String, String> fields) {
		return retryingOnStaleConnection(
				() -> RedisErrors.call("XADD", key(), () -> this.events.client().xadd(key(), addParams(), fields))
					.toString());
	}

	/**
	 * Run an add, once more on a fresh connection if the pooled one turns out broken
	 * (Redis restarted, or the connection was killed while idle). Should the first try
	 * have reached Redis before the connection broke, the entry is added twice: delivery
	 * is at least once.
	 */
	private <V> V retryingOnStaleConnection(Supplier<V> add) {
		try {
			return add.get();
		}
		catch (JedisConnectionException ex) {
			if (this.events.client() instanceof JedisPooled pooled) {
				// idle connections opened before the break are most likely broken too
				pooled.getPool().clear();
			}
			return add.get();
		}
	}

	/**
	 * Delete the stream with its consumer groups (not its dead letters or events).
	 */
	public void clear() {
		this.events.client().del(key());
	}

	/**
	 * What Redis says about the stream.
	 * @return the figures, empty when the stream does not exist
	 */
	public Optional<StreamInfo> streamInfo() {
		if (!this.events.client().exists(key())) {
			return Optional.empty();
		}
		try {
			redis.clients.jedis.resps.StreamInfo info = this.events.client().xinfoStream(key());
			Object added = info.getStreamInfo().get("entries-added");
			return Optional.of(new StreamInfo(info.getLength(), info.getGroups(),
					(added instanceof Long value) ? value : info.getLength(), String.valueOf(info.getLastGeneratedId()),
					idOf(info.getFirstEntry()), idOf(info.getLastEntry())));
		}
		catch (JedisDataException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What Redis says about the stream's consumer groups.
	 * @return the groups, none when the stream does not exist
	 */
	public List<ConsumerGroupInfo> consumerGroups() {
		List<StreamGroupInfo> groups;
		try {
			groups = this.events.client().xinfoGroups(key());
		}
		catch (JedisDataException ex) {
			return List.of();
		}
		List<ConsumerGroupInfo> result = new ArrayList<>(groups.size());
		for (StreamGroupInfo group : groups) {
			Map<String, Object> info = group.getGroupInfo();
			result.add(new ConsumerGroupInfo(group.getName(), group.getConsumers(), group.getPending(),
					String.valueOf(group.getLastDeliveredId()), asLong(info.get("entries-read")),
					asLong(info.get("lag"))));
		}
		return result;
	}

	/**
	 * A group's pending entries, the most delivered first.
	 * @param group the consumer group
	 * @param limit how many entries to look at, at most
	 * @return the pending entries
	 */
	public List<PendingEntry> pendingEntries(String group, int limit) {
		List<StreamPendingEntry> pending;
		try {
			pending = this.events.client().xpending(key(), group, XPendingParams.xPendingParams().count(limit));
		}
		catch (JedisDataException ex) {
			return List.of();
		}
		return pending.stream()
			.map((entry) -> new PendingEntry(entry.getID().toString(), entry.getConsumerName(), entry.getIdleTime(),
					entry.getDeliveredTimes()))
			.sorted(Comparator.comparingLong(PendingEntry::deliveries).reversed())
			.toList();
	}

	/**
	 * The newest entries, newest first.
	 * @param count how many, at most
	 * @return the entries
	 */
	public List<StreamRecord> latest(int count) {
		return records(this.events.client().xrevrange(key(), (StreamEntryID) null, null, count));
	}

	/**
	 * The oldest entries, oldest first.
	 * @param count how many, at most
	 * @return the entries
	 */
	public List<StreamRecord> oldest(int count) {
		return records(this.events.client().xrange(key(), (StreamEntryID) null, null, count));
	}

	/**
	 * How many entries the stream holds.
	 * @return the length, 0 when it does not exist
	 */
	public long length() {
		return this.events.client().xlen(key());
	}

	/**
	 * Move every dead letter of this stream back into it, with {@code _dlqMetadata}
	 * removed (and a wrapped payload unwrapped), so that it is processed again. Each move
	 * is atomic when both keys share a hash slot.
	 * @return how many entries were moved
	 */
	public int redriveDeadLetters() {
		RedisEventStream deadLetters = deadLetterStream();
		List<StreamRecord> newest = deadLetters.latest(1);
		if (newest.isEmpty()) {
			return 0;
		}
		// only the letters present now: entries redriven now may be dead-lettered again
		StreamEntryID last = new StreamEntryID(newest.get(0).id());
		int moved = 0;
		List<StreamEntry> chunk;
		while (!(chunk = this.events.client().xrange(deadLetters.key(), (StreamEntryID) null, last, REDRIVE_CHUNK))
			.isEmpty()) {
			for (StreamEntry letter : chunk) {
				redrive(deadLetters, letter);
				moved++;
			}
		}
		return moved;
	}

	/**
	 * Move the given dead letters of this stream back into it, like
	 * {@link #redriveDeadLetters()}. Ids that are not (or no longer) in the dead-letter
	 * stream are skipped.
	 * @param deadLetterIds the dead letters' own entry ids (not their original ids)
	 * @return how many entries were moved
	 */
	public int redriveDeadLetters(Collection<String> deadLetterIds) {
		RedisEventStream deadLetters = deadLetterStream();
		int moved = 0;
		for (String id : new LinkedHashSet<>(deadLetterIds)) {
			StreamEntry letter = deadLetters.rawEntry(id);
			if (letter != null) {
				redrive(deadLetters, letter);
				moved++;
			}
		}
		return moved;
	}

	/**
	 * Delete the given dead letters of this stream for good.
	 * @param deadLetterIds the dead letters' own entry ids
	 * @return how many were deleted
	 */
	public int deleteDeadLetters(Collection<String> deadLetterIds) {
		if (deadLetterIds.isEmpty()) {
			return 0;
		}
		StreamEntryID[] ids = new LinkedHashSet<>(deadLetterIds).stream()
			.map(StreamEntryID::new)
			.toArray(StreamEntryID[]::new);
		return (int) this.events.client().xdel(deadLetterStream().key(), ids);
	}

	/**
	 * One entry.
	 * @param id the entry id
	 * @return the entry, or {@code null} when the stream does not hold it
	 */
	public @Nullable StreamRecord entry(String id) {
		StreamEntryID entryId = new StreamEntryID(id);
		List<StreamRecord> found = records(this.events.client().xrange(key(), entryId, entryId, 1));
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * Move one dead letter back, with the trace context it kept.
	 */
	private void redrive(RedisEventStream deadLetters, StreamEntry letter) {
		Map<String, String> letterFields = (letter.getFields() != null) ? letter.getFields() : Map.of();
		String data = this.events.codec().redriveData(letterFields.get(WireCodec.DATA_FIELD));
		if (data == null) {
			this.events.client().xdel(deadLetters.key(), letter.getID());
			return;
		}
		// the redriven entry carries the original trace context back
		Map<String, String> fields = EntryObservations.fields(data);
		TraceFields.copy(letterFields, fields);
		if (this.keys.deadLettersShareSlot()) {
			List<String> args = new ArrayList<>(6);
			args.add(letter.getID().toString());
			fields.forEach((name, value) -> {
				args.add(name);
				args.add(value);
			});
			Scripts.REDRIVE.run(this.events.client(), List.of(deadLetters.key(), key()), args);
		}
		else {
			addFields(fields);
			this.events.client().xdel(deadLetters.key(), letter.getID());
		}
	}

	private @Nullable StreamEntry rawEntry(String id) {
		StreamEntryID entryId = new StreamEntryID(id);
		List<StreamEntry> found = this.events.client().xrange(key(), entryId, entryId, 1);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * The newest dead letters of this stream, with their metadata and original payloads.
	 * @param count how many at most
	 * @return the dead letters, newest first
	 * @since 0.1.0
	 */
	public List<DeadLetter> deadLetters(int count) {
		return deadLetterStream().latest(count)
			.stream()
			.map((record) -> this.events.codec().readDeadLetter(record.id(), record.data()))
			.toList();
	}

	/**
	 * Process the stream: entries are decoded to the options' payload type and handed to
	 * {@code handler}, at most {@code concurrency} at once, until the returned processor
	 * is stopped.
	 * @param <T> the payload type
	 * @param options how to process
	 * @param handler what to do with each entry
	 * @return the running processor
	 */
	public <T> StreamProcessor process(ProcessOptions<T> options, QueueHandler<T> handler) {
		return this.events.start(this.keys, this.trim, options, null, handler, null);
	}

	/**
	 * Process the stream, mapping each fetched batch before its entries are handed out
	 * one by one. The retry predicate still sees the unmapped payload.
	 * @param <T> the payload type
	 * @param <R> the type the handler takes
	 * @param options how to process
	 * @param mapper maps a batch; must return one item per entry, in order
	 * @param handler what to do with each mapped entry
	 * @return the running processor
	 */
	public <T, R> StreamProcessor process(ProcessOptions<T> options, Function<List<T>, List<R>> mapper,
			QueueHandler<R> handler) {
		Objects.requireNonNull(mapper, "'mapper' must not be null");
		return this.events.start(this.keys, this.trim, options, mapper, handler, null);
	}

	/**
	 * Process the stream in batches: the entries of one read (up to {@code batchSize})
	 * are handed to {@code handler} in one call, at most {@code concurrency} calls at
	 * once. Undecodable entries and entries that {@code shouldRetry} rejects are
	 * dead-lettered before the batch is built; events, progress and metrics stay per
	 * entry. (A method of its own rather than an overload of {@code process}, so that a
	 * lambda is never ambiguous.)
	 * @param <T> the payload type
	 * @param options how to process
	 * @param handler what to do with each batch
	 * @return the running processor
	 * @since 0.1.0
	 */
	public <T> StreamProcessor processBatches(ProcessOptions<T> options, BatchHandler<T> handler) {
		Objects.requireNonNull(handler, "'handler' must not be null");
		PartitionedStream.rejectOrderedBatches(name(), options);
		return this.events.start(this.keys, this.trim, options, null, asSingle(handler), handler);
	}

	/**
	 * Process the stream in batches, mapping each fetched batch first. The retry
	 * predicate still sees the unmapped payload.
	 * @param <T> the payload type
	 * @param <R> the type the handler takes
	 * @param options how to process
	 * @param mapper maps a batch; must return one item per entry, in order
	 * @param handler what to do with each mapped batch
	 * @return the running processor
	 * @since 0.1.0
	 */
	public <T, R> StreamProcessor processBatches(ProcessOptions<T> options, Function<List<T>, List<R>> mapper,
			BatchHandler<R> handler) {
		Objects.requireNonNull(mapper, "'mapper' must not be null");
		Objects.requireNonNull(handler, "'handler' must not be null");
		PartitionedStream.rejectOrderedBatches(name(), options);
		return this.events.start(this.keys, this.trim, options, mapper, asSingle(handler), handler);
	}

	/**
	 * Process this stream as one partition of an ordered processor.
	 */
	<T, R> DefaultStreamProcessor<T, R> processOrdered(ProcessOptions<T> options,
			@Nullable Function<List<T>, List<R>> mapper, QueueHandler<R> handler, OrderedPartition ordered) {
		return this.events.start(this.keys, this.trim, options, mapper, handler, null, ordered);
	}

	private static <R> QueueHandler<R> asSingle(BatchHandler<R> handler) {
		return (item) -> handler.handle(List.of(item));
	}

	@Override
	public String toString() {
		return "RedisEventStream[" + key() + "]";
	}

	private XAddParams addParams() {
		XAddParams params = XAddParams.xAddParams();
		if (this.trim != null) {
			this.trim.applyTo(params);
		}
		return params;
	}

	private static List<StreamRecord> records(List<StreamEntry> entries) {
		List<StreamRecord> records = new ArrayList<>(entries.size());
		for (StreamEntry entry : entries) {
			Map<String, String> fields = entry.getFields();
			records.add(new StreamRecord(entry.getID().toString(),
					(fields != null) ? fields.get(WireCodec.DATA_FIELD) : null));
		}
		return records;
	}

	private static @Nullable String idOf(@Nullable StreamEntry entry) {
		return (entry != null) ? entry.getID().toString() : null;
	}

	private static @Nullable Long asLong(@Nullable Object value) {
		return (value instanceof Long number) ? number : null;
	}

}
