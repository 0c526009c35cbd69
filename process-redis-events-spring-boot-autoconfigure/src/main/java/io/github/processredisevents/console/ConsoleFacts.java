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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.GroupDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.HandlerDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.RedisEventsDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.StreamDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.StreamDetailDescriptor;
import io.github.processredisevents.config.RedisEventHandlerEndpoint;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.PendingEntry;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.JedisException;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.http.HttpStatus;

/**
 * What the console shows and does. The figures come from the {@code redisevents} Actuator
 * endpoint (used as a Java object, whether or not it is exposed) and the engine's stream
 * handles; this class only adds what a page needs on top: the oldest pending entry's idle
 * time, meter history, and dead letters grouped by cause.
 *
 * @since 0.1.0
 */
public class ConsoleFacts {

	private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

	private final RedisEventsEndpoint endpoint;

	private final RedisEvents events;

	private final RedisEventHandlerRegistry registry;

	private final @Nullable MeterHistory history;

	private final boolean payloadsShown;

	/**
	 * Create the facts.
	 * @param endpoint the endpoint that reads streams and handlers
	 * @param events the engine
	 * @param registry the handlers
	 * @param history the meter history, or {@code null} without a meter registry
	 * @param payloadsShown whether the endpoint shows dead-letter payloads
	 */
	public ConsoleFacts(RedisEventsEndpoint endpoint, RedisEvents events, RedisEventHandlerRegistry registry,
			@Nullable MeterHistory history, boolean payloadsShown) {
		this.endpoint = endpoint;
		this.events = events;
		this.registry = registry;
		this.history = history;
		this.payloadsShown = payloadsShown;
	}

	/**
	 * Every stream the handlers consume, the handlers, and their recent meters.
	 * @return the overview
	 */
	public Overview overview() {
		RedisEventsDescriptor report = this.endpoint.report();
		List<StreamSummary> streams = report.streams().stream().map(this::summary).toList();
		Map<String, MeterHistory.Series> series = (this.history != null) ? this.history.series() : Map.of();
		boolean waitTimeMeasured = this.history != null && this.history.isWaitTimeMeasured();
		long sampleSeconds = (this.history != null) ? this.history.getInterval().toSeconds() : 0;
		return new Overview(streams, report.handlers(), series, this.history != null, waitTimeMeasured, sampleSeconds);
	}

	/**
	 * One stream with its pending entries and dead letters grouped by cause.
	 * @param name the stream name
	 * @return the stream page
	 * @throws ConsoleException when no handler consumes the stream or Redis is away
	 */
	public StreamPage stream(String name) {
		checkStream(name);
		StreamDetailDescriptor detail;
		try {
			detail = (StreamDetailDescriptor) this.endpoint.detail("streams", name);
		}
		catch (IllegalStateException | JedisException ex) {
			throw new ConsoleException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
		if (detail == null) {
			return new StreamPage(name, this.events.stream(name).key(), 0, 0, 0, List.of(), List.of(), List.of(), 0,
					this.payloadsShown);
		}
		return new StreamPage(detail.name(), detail.key(), detail.length(), detail.entriesAdded(),
				detail.deadLetterLength(), groups(name, detail.groups()), detail.pendingEntries(),
				DeadLetterGroup.of(detail.deadLetters()), detail.deadLetters().size(), this.payloadsShown);
	}

	/**
	 * Pause, resume, start or stop a handler.
	 * @param id the handler id
	 * @param action {@code pause}, {@code resume}, {@code start} or {@code stop}
	 * @return what happened
	 */
	public ActionResult actOnHandler(String id, String action) {
		try {
			HandlerDescriptor handler = (HandlerDescriptor) this.endpoint.act("handlers", id, action);
			return new ActionResult("Handler " + id + ": " + action + " done, state is now " + handler.state(), 1);
		}
		catch (InvalidEndpointRequestException ex) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	/**
	 * Redrive or delete dead letters of a stream: the given ones, or all.
	 * @param name the stream name
	 * @param action {@code redrive} or {@code delete}
	 * @param ids the dead letters' own ids, when not all
	 * @param all whether to act on every dead letter
	 * @return what happened
	 */
	public ActionResult actOnDeadLetters(String name, String action, List<String> ids, boolean all) {
		checkStream(name);
		if (!all && ids.isEmpty()) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST, "Choose dead letters, or all of them");
		}
		for (String id : ids) {
			if (!ENTRY_ID.matcher(id).matches()) {
				throw new ConsoleException(HttpStatus.BAD_REQUEST, "'" + id + "' is not a stream entry id");
			}
		}
		RedisEventStream stream = this.events.stream(name);
		return switch (action) {
			case "redrive" -> {
				int redriven = all ? stream.redriveDeadLetters() : stream.redriveDeadLetters(ids);
				yield new ActionResult("Redrove " + plural(redriven, "dead letter") + " into " + name, redriven);
			}
			case "delete" -> {
				int deleted;
				if (all) {
					RedisEventStream deadLetters = stream.deadLetterStream();
					deleted = (int) deadLetters.length();
					deadLetters.clear();
				}
				else {
					deleted = stream.deleteDeadLetters(ids);
				}
				yield new ActionResult("Deleted " + plural(deleted, "dead letter") + " of " + name, deleted);
			}
			default -> throw new ConsoleException(HttpStatus.BAD_REQUEST,
					"Unknown action '" + action + "' for dead letters; use 'redrive' or 'delete'");
		};
	}

	private void checkStream(String name) {
		for (RedisEventHandlerEndpoint handler : this.registry.getEndpoints()) {
			if (handler.getStream().equals(name)) {
				return;
			}
		}
		throw new ConsoleException(HttpStatus.NOT_FOUND, "No handler consumes a stream named '" + name + "'");
	}

	private StreamSummary summary(StreamDescriptor stream) {
		List<GroupSummary> groups = (stream.error() != null) ? List.of() : groups(stream.name(), stream.groups());
		return new StreamSummary(stream.name(), stream.key(), stream.length(), stream.entriesAdded(),
				stream.deadLetterLength(), groups, stream.error());
	}

	private List<GroupSummary> groups(String name, List<GroupDescriptor> groups) {
		RedisEventStream stream = this.events.stream(name);
		Set<String> consumed = new LinkedHashSet<>();
		this.registry.getEndpoints()
			.stream()
			.filter((handler) -> handler.getStream().equals(name))
			.forEach((handler) -> consumed.add(handler.getGroup()));
		List<GroupSummary> result = new ArrayList<>(groups.size());
		for (GroupDescriptor group : groups) {
			Long oldestIdle = null;
			if (group.pending() > 0) {
				try {
					// XPENDING lists by id: the first is the oldest pending entry
					List<PendingEntry> oldest = stream.pendingEntries(group.name(), 1);
					oldestIdle = oldest.isEmpty() ? null : oldest.get(0).idleMillis();
				}
				catch (JedisException ex) {
					// the figure stays unknown; the endpoint reports Redis being away
				}
			}
			result.add(new GroupSummary(group.name(), group.consumers(), group.pending(), group.lag(),
					group.entriesRead(), group.lastDeliveredId(), oldestIdle, consumed.contains(group.name())));
		}
		return result;
	}

	private static String plural(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	/**
	 * What the overview shows.
	 *
	 * @param streams the streams the handlers consume
	 * @param handlers the handlers
	 * @param series each handler's recent meters, by handler id
	 * @param metersKept whether meters are sampled (a meter registry exists)
	 * @param waitTimeMeasured whether the wait-time timer exists
	 * @param sampleSeconds seconds between samples
	 */
	public record Overview(List<StreamSummary> streams, List<HandlerDescriptor> handlers,
			Map<String, MeterHistory.Series> series, boolean metersKept, boolean waitTimeMeasured, long sampleSeconds) {
	}

	/**
	 * A stream on the overview.
	 *
	 * @param name the stream name
	 * @param key the Redis key
	 * @param length how many entries it holds
	 * @param entriesAdded how many entries were ever added
	 * @param deadLetterLength how many dead letters it has
	 * @param groups its consumer groups
	 * @param error why the figures are missing, when Redis cannot be reached
	 */
	public record StreamSummary(String name, String key, @Nullable Long length, @Nullable Long entriesAdded,
			@Nullable Long deadLetterLength, List<GroupSummary> groups, @Nullable String error) {
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
	 * @param oldestPendingIdleMs how long the oldest pending entry has been idle, if any
	 * @param handled whether a handler of this application consumes it
	 */
	public record GroupSummary(String name, long consumers, long pending, @Nullable Long lag,
			@Nullable Long entriesRead, String lastDeliveredId, @Nullable Long oldestPendingIdleMs, boolean handled) {
	}

	/**
	 * What the stream page shows.
	 *
	 * @param name the stream name
	 * @param key the Redis key
	 * @param length how many entries it holds
	 * @param entriesAdded how many entries were ever added
	 * @param deadLetterLength how many dead letters it has
	 * @param groups its consumer groups
	 * @param pendingEntries pending entries of all groups, the most delivered first
	 * @param deadLetterGroups the newest dead letters, grouped by cause, the largest
	 * group first
	 * @param deadLettersShown how many dead letters the groups hold
	 * @param payloadsShown whether dead letters carry their payloads
	 */
	public record StreamPage(String name, String key, long length, long entriesAdded, long deadLetterLength,
			List<GroupSummary> groups, List<RedisEventsEndpoint.PendingEntryDescriptor> pendingEntries,
			List<DeadLetterGroup> deadLetterGroups, int deadLettersShown, boolean payloadsShown) {
	}

	/**
	 * The outcome of an action.
	 *
	 * @param message what happened, for the page
	 * @param count how many handlers or dead letters it affected
	 */
	public record ActionResult(String message, int count) {
	}

}
