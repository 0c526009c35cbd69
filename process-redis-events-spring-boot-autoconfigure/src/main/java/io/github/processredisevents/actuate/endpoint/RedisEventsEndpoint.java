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

package io.github.processredisevents.actuate.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.processredisevents.config.RedisEventHandlerEndpoint;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.ConsumerGroupInfo;
import io.github.processredisevents.core.PendingEntry;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessorHealth;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.ProcessorStats;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamInfo;
import io.github.processredisevents.core.StreamProcessor;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.JedisException;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code redisevents} Actuator endpoint: the streams that handlers consume with their
 * consumer groups, the handlers with their counts, and operations to pause and resume a
 * handler or redrive a stream's dead letters.
 *
 * @since 0.1.0
 */
@Endpoint(id = "redisevents")
public class RedisEventsEndpoint {

	private static final String STREAMS = "streams";

	private static final String HANDLERS = "handlers";

	private final RedisEvents events;

	private final RedisEventHandlerRegistry registry;

	private final boolean showPayloads;

	private final int maxEntries;

	/**
	 * Create the endpoint.
	 * @param events the engine
	 * @param registry the handler registry
	 * @param showPayloads whether dead letters are shown with their payloads
	 * @param maxEntries how many pending entries and dead letters a stream detail shows
	 */
	public RedisEventsEndpoint(RedisEvents events, RedisEventHandlerRegistry registry, boolean showPayloads,
			int maxEntries) {
		this.events = events;
		this.registry = registry;
		this.showPayloads = showPayloads;
		this.maxEntries = Math.max(1, maxEntries);
	}

	/**
	 * The streams that handlers consume, and the handlers.
	 * @return the report
	 */
	@ReadOperation
	public RedisEventsDescriptor report() {
		Set<String> streams = new LinkedHashSet<>();
		List<HandlerDescriptor> handlers = new ArrayList<>();
		for (RedisEventHandlerEndpoint endpoint : this.registry.getEndpoints()) {
			streams.add(endpoint.getStream());
			handlers.add(handler(endpoint.getId()));
		}
		List<StreamDescriptor> streamDescriptors = streams.stream().map(this::stream).toList();
		return new RedisEventsDescriptor(streamDescriptors, handlers);
	}

	/**
	 * One stream, with its pending entries and newest dead letters, or one handler.
	 * @param kind {@code streams} or {@code handlers}
	 * @param name the stream name or handler id
	 * @return the detail, or {@code null} when there is no such stream or handler
	 */
	@ReadOperation
	public @Nullable OperationResponseBody detail(@Selector String kind, @Selector String name) {
		return switch (kind) {
			case STREAMS -> streamDetail(name);
			case HANDLERS -> (this.registry.getEndpoint(name) != null) ? handler(name) : null;
			default -> throw unknownKind(kind);
		};
	}

	/**
	 * Act on a handler ({@code pause}, {@code resume}, {@code start}, {@code stop}) or a
	 * stream ({@code redrive-dead-letters}).
	 * @param kind {@code streams} or {@code handlers}
	 * @param name the stream name or handler id
	 * @param action the action
	 * @return the handler after the action, or how many dead letters were redriven
	 */
	@WriteOperation
	public OperationResponseBody act(@Selector String kind, @Selector String name, String action) {
		return switch (kind) {
			case HANDLERS -> actOnHandler(name, action);
			case STREAMS -> actOnStream(name, action);
			default -> throw unknownKind(kind);
		};
	}

	private HandlerDescriptor actOnHandler(String id, String action) {
		if (this.registry.getEndpoint(id) == null) {
			throw new InvalidEndpointRequestException("No handler with id '" + id + "'", "Unknown handler");
		}
		try {
			switch (action) {
				case "pause" -> this.registry.pause(id);
				case "resume" -> this.registry.resume(id);
				case "start" -> this.registry.start(id);
				case "stop" -> this.registry.stop(id);
				default -> throw new InvalidEndpointRequestException(
						"Unknown action '" + action + "' for a handler; use 'pause', 'resume', 'start' or 'stop'",
						"Unknown action");
			}
		}
		catch (IllegalStateException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Handler not started");
		}
		return handler(id);
	}

	private RedriveDescriptor actOnStream(String name, String action) {
		if (!"redrive-dead-letters".equals(action)) {
			throw new InvalidEndpointRequestException(
					"Unknown action '" + action + "' for a stream; use 'redrive-dead-letters'", "Unknown action");
		}
		int redriven = 0;
		for (RedisEventStream partition : this.events.partitionedStream(name).partitions()) {
			redriven += partition.redriveDeadLetters();
		}
		return new RedriveDescriptor(name, redriven);
	}

	private static InvalidEndpointRequestException unknownKind(String kind) {
		return new InvalidEndpointRequestException("Unknown kind '" + kind + "'; use 'streams' or 'handlers'",
				"Unknown kind");
	}

	/**
	 * A stream's line: for a stream of several partitions, the totals, with a line per
	 * partition.
	 */
	private StreamDescriptor stream(String name) {
		List<RedisEventStream> partitions = this.events.partitionedStream(name).partitions();
		Map<String, Map<String, Boolean>> ownership = ownership(name);
		if (partitions.size() == 1) {
			return partition(name, partitions.get(0), ownership);
		}
		List<StreamDescriptor> lines = partitions.stream()
			.map((partition) -> partition(partition.name(), partition, ownership))
			.toList();
		return StreamTotals.of(name, this.events.keyPrefix() + "{" + name + ":0.." + (partitions.size() - 1) + "}",
				lines);
	}

	/**
	 * Whether the ordered handlers of this application own the partitions of a stream: by
	 * group, then by partition name.
	 */
	private Map<String, Map<String, Boolean>> ownership(String stream) {
		Map<String, Map<String, Boolean>> byGroup = new HashMap<>();
		for (RedisEventHandlerEndpoint endpoint : this.registry.getEndpoints()) {
			if (endpoint.getStream().equals(stream)) {
				Map<String, Boolean> owned = partitionOwnership(this.registry.getProcessor(endpoint.getId()));
				if (owned != null) {
					byGroup.put(endpoint.getGroup(), owned);
				}
			}
		}
		return byGroup;
	}

	private static @Nullable Map<String, Boolean> partitionOwnership(@Nullable StreamProcessor processor) {
		Map<String, Boolean> owned = (processor != null) ? processor.partitionOwnership() : Map.of();
		return owned.isEmpty() ? null : owned;
	}

	private StreamDescriptor partition(String name, RedisEventStream stream,
			Map<String, Map<String, Boolean>> ownership) {
		try {
			Optional<StreamInfo> info = stream.streamInfo();
			List<GroupDescriptor> groups = stream.consumerGroups()
				.stream()
				.map((group) -> group(group, ownership.getOrDefault(group.name(), Map.of()).get(name)))
				.toList();
			return new StreamDescriptor(name, stream.key(), info.map(StreamInfo::length).orElse(0L),
					info.map(StreamInfo::entriesAdded).orElse(0L), stream.deadLetterStream().length(), groups, null,
					null);
		}
		catch (JedisException ex) {
			return new StreamDescriptor(name, stream.key(), null, null, null, List.of(),
					"Redis cannot be reached: " + ex.getMessage(), null);
		}
	}

	private static GroupDescriptor group(ConsumerGroupInfo info, @Nullable Boolean ownedHere) {
		return new GroupDescriptor(info.name(), info.consumers(), info.pending(), info.lag(), info.entriesRead(),
				info.lastDeliveredId(), ownedHere);
	}

	private @Nullable StreamDetailDescriptor streamDetail(String name) {
		RedisEventStream stream = this.events.stream(name);
		StreamDescriptor summary = stream(name);
		if (summary.error() != null) {
			throw new IllegalStateException(summary.error());
		}
		if (stream.streamInfo().isEmpty() && summary.deadLetterLength() == 0) {
			return null;
		}
		List<PendingEntryDescriptor> pending = new ArrayList<>();
		for (GroupDescriptor group : summary.groups()) {
			for (PendingEntry entry : stream.pendingEntries(group.name(), this.maxEntries)) {
				pending.add(new PendingEntryDescriptor(group.name(), entry.id(), entry.consumer(), entry.idleMillis(),
						entry.deliveries()));
			}
		}
		pending.sort(Comparator.comparingLong(PendingEntryDescriptor::deliveries).reversed());
		List<DeadLetterDescriptor> deadLetters = stream.deadLetters(this.maxEntries)
			.stream()
			.map((letter) -> new DeadLetterDescriptor(letter.id(), letter.metadata(),
					this.showPayloads ? letter.payload() : null))
			.toList();
		return new StreamDetailDescriptor(summary.name(), summary.key(), lengthOf(summary.length()),
				lengthOf(summary.entriesAdded()), lengthOf(summary.deadLetterLength()), summary.groups(),
				pending.subList(0, Math.min(pending.size(), this.maxEntries)), deadLetters);
	}

	private static long lengthOf(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private HandlerDescriptor handler(String id) {
		RedisEventHandlerEndpoint endpoint = this.registry.getEndpoint(id);
		ProcessOptions<?> options = this.registry.getOptions(id);
		if (endpoint == null || options == null) {
			throw new IllegalArgumentException("No handler with id '" + id + "'");
		}
		StreamProcessor processor = this.registry.getProcessor(id);
		ProcessorStats stats = (processor != null) ? processor.stats() : new ProcessorStats(0, 0, 0, 0, 0);
		ProcessorState state = (processor != null) ? processor.state() : ProcessorState.STOPPED;
		String consumerId = (processor != null) ? processor.consumerId() : options.consumerId();
		ProcessorHealth health = (processor != null) ? processor.health() : null;
		return new HandlerDescriptor(id, endpoint.getStream(), endpoint.getGroup(), consumerId, state.name(),
				stats.inFlight(), options.concurrency(), options.batchSize(), options.lease().toMillis(),
				stats.processed(), stats.failed(), stats.retried(), stats.deadLettered(),
				(health != null) ? health.unsentAcknowledgements() : 0,
				(health != null) ? health.deadThreads() : List.of(), options.ordered(),
				this.events.partitionKey(endpoint.getStream()), partitionOwnership(processor));
	}

	/**
	 * The streams that handlers consume, and the handlers.
	 *
	 * @param streams the streams
	 * @param handlers the handlers
	 */
	public record RedisEventsDescriptor(List<StreamDescriptor> streams,
			List<HandlerDescriptor> handlers) implements OperationResponseBody {
	}

	/**
	 * A stream and its consumer groups.
	 *
	 * @param name the stream name
	 * @param key the Redis key
	 * @param length how many entries it holds
	 * @param entriesAdded how many entries were ever added
	 * @param deadLetterLength how many dead letters it has
	 * @param groups its consumer groups
	 * @param error why the figures are missing, when Redis cannot be reached
	 * @param partitions for a stream of several partitions, a line per partition (the
	 * figures above are their totals); otherwise {@code null}
	 */
	public record StreamDescriptor(String name, String key, @Nullable Long length, @Nullable Long entriesAdded,
			@Nullable Long deadLetterLength, List<GroupDescriptor> groups, @Nullable String error,
			@Nullable List<StreamDescriptor> partitions) implements OperationResponseBody {
	}

	/**
	 * A stream with its pending entries and newest dead letters.
	 *
	 * @param name the stream name
	 * @param key the Redis key
	 * @param length how many entries it holds
	 * @param entriesAdded how many entries were ever added
	 * @param deadLetterLength how many dead letters it has
	 * @param groups its consumer groups
	 * @param pendingEntries pending entries of all groups, the most delivered first
	 * @param deadLetters the newest dead letters, newest first
	 */
	public record StreamDetailDescriptor(String name, String key, long length, long entriesAdded, long deadLetterLength,
			List<GroupDescriptor> groups, List<PendingEntryDescriptor> pendingEntries,
			List<DeadLetterDescriptor> deadLetters) implements OperationResponseBody {
	}

	/**
	 * A consumer group.
	 *
	 * @param name the group name
	 * @param consumers how many consumers it knows
	 * @param pending how many entries were delivered and not acknowledged
	 * @param lag how many entries wait to be delivered, if Redis can tell
	 * @param entriesRead how many entries it has read, if Redis can tell
	 * @param lastDeliveredId the last entry delivered to it
	 * @param ownedHere on a partition's line, when an ordered handler of this application
	 * consumes the group: whether it owns the partition now (only the owner fetches from
	 * it); otherwise {@code null}
	 */
	public record GroupDescriptor(String name, long consumers, long pending, @Nullable Long lag,
			@Nullable Long entriesRead, String lastDeliveredId, @Nullable Boolean ownedHere) {
	}

	/**
	 * A pending entry.
	 *
	 * @param group the consumer group
	 * @param id the entry id
	 * @param consumer the consumer that holds it
	 * @param idleMs milliseconds since it was delivered or its lease extended
	 * @param deliveries how many times it was delivered
	 */
	public record PendingEntryDescriptor(String group, String id, String consumer, long idleMs, long deliveries) {
	}

	/**
	 * A dead letter.
	 *
	 * @param id the dead letter's entry id
	 * @param metadata its {@code _dlqMetadata}: original id, attempts, group, consumer,
	 * timestamp
	 * @param payload the payload without metadata, when payloads are shown
	 */
	public record DeadLetterDescriptor(String id, Map<String, Object> metadata, @Nullable Object payload) {
	}

	/**
	 * A handler and its counts.
	 *
	 * @param id the handler id
	 * @param stream the stream name
	 * @param group the consumer group
	 * @param consumerId the consumer id, once started
	 * @param state {@code STARTING}, {@code RUNNING}, {@code PAUSED}, {@code STOPPING} or
	 * {@code STOPPED}
	 * @param inFlight entries fetched and not yet finished
	 * @param concurrency how many entries are handled at once
	 * @param batchSize how many entries a read fetches
	 * @param leaseMs the lease in milliseconds
	 * @param processed entries handled successfully
	 * @param failed failed attempts
	 * @param retried failed entries released for another delivery
	 * @param deadLettered entries given up on
	 * @param unsentAcknowledgements acknowledgements and events waiting to be sent to
	 * Redis
	 * @param deadThreads engine threads of the handler that an {@code Error} has ended
	 * @param ordered whether entries with the same key are handled one at a time, in the
	 * order they were added
	 * @param partitionKey the JSON Pointer of the key in the stream's payloads, or
	 * {@code null} when the stream has none
	 * @param partitionOwnership for a started ordered handler, whether it owns each
	 * partition now, by partition name; otherwise {@code null}
	 */
	public record HandlerDescriptor(String id, String stream, String group, @Nullable String consumerId, String state,
			int inFlight, int concurrency, int batchSize, long leaseMs, long processed, long failed, long retried,
			long deadLettered, long unsentAcknowledgements, List<String> deadThreads, boolean ordered,
			@Nullable String partitionKey,
			@Nullable Map<String, Boolean> partitionOwnership) implements OperationResponseBody {
	}

	/**
	 * The outcome of redriving dead letters.
	 *
	 * @param stream the stream name
	 * @param redriven how many dead letters were moved back into the stream
	 */
	public record RedriveDescriptor(String stream, int redriven) implements OperationResponseBody {
	}

}
