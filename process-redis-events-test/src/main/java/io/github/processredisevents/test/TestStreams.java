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

package io.github.processredisevents.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamInfo;

/**
 * Test helpers that read and write streams in the process-redis-events wire format with
 * plain Redis commands: wait until a group has caught up, read a stream's entries, dead
 * letters and events, and add raw entries (including malformed ones). Stream names are
 * given without the key prefix, as to the engine.
 *
 * @since 0.1.0
 */
public final class TestStreams implements AutoCloseable {

	/**
	 * How long {@link #awaitIdle(String, String)} waits.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private final UnifiedJedis jedis;

	private final String keyPrefix;

	private final boolean ownsClient;

	private TestStreams(UnifiedJedis jedis, String keyPrefix, boolean ownsClient) {
		this.jedis = Objects.requireNonNull(jedis, "'jedis' must not be null");
		this.keyPrefix = Objects.requireNonNull(keyPrefix, "'keyPrefix' must not be null");
		this.ownsClient = ownsClient;
	}

	/**
	 * Helpers on a client you own (it is not closed by {@link #close()}), for streams
	 * under the default key prefix {@code stream:}.
	 * @param jedis the client
	 * @return the helpers
	 */
	public static TestStreams of(UnifiedJedis jedis) {
		return new TestStreams(jedis, "stream:", false);
	}

	/**
	 * Helpers with a client of their own for the given server, closed by
	 * {@link #close()}.
	 * @param server the server
	 * @return the helpers
	 */
	public static TestStreams connect(RedisServerProcess server) {
		return new TestStreams(new JedisPooled(server.host(), server.port()), "stream:", true);
	}

	/**
	 * The same helpers for streams under another key prefix
	 * ({@code redis-events.key-prefix}).
	 * @param keyPrefix the prefix, such as {@code events:}
	 * @return helpers sharing this client
	 */
	public TestStreams withKeyPrefix(String keyPrefix) {
		return new TestStreams(this.jedis, keyPrefix, false);
	}

	/**
	 * The client the helpers use.
	 * @return the client
	 */
	public UnifiedJedis client() {
		return this.jedis;
	}

	/**
	 * Wait up to {@link #DEFAULT_TIMEOUT} until the group has read every entry of the
	 * stream and has nothing pending: every entry added so far was handled and
	 * acknowledged (or dead-lettered).
	 * @param stream the stream name, without key prefix
	 * @param group the consumer group
	 * @throws AssertionError when it does not happen in time, with the last figures seen
	 */
	public void awaitIdle(String stream, String group) {
		awaitIdle(stream, group, DEFAULT_TIMEOUT);
	}

	/**
	 * Wait until the group has read every entry of the stream and has nothing pending.
	 * Where Redis cannot tell the lag (before Redis 7, or after deletions), the group's
	 * last delivered id is compared with the stream's last id instead.
	 * @param stream the stream name, without key prefix
	 * @param group the consumer group
	 * @param timeout how long to wait
	 * @throws AssertionError when it does not happen in time, with the last figures seen
	 */
	public void awaitIdle(String stream, String group, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no such group";
		while (true) {
			String state = state(key(stream), group);
			if (state == null) {
				return;
			}
			last = state;
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"Group '" + group + "' of stream '" + stream + "' is not idle after " + timeout + ": " + last);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for group '" + group + "'", ex);
			}
		}
	}

	/**
	 * What keeps the group from being idle.
	 * @return {@code null} when it is idle
	 */
	private @Nullable String state(String key, String group) {
		List<StreamGroupInfo> groups;
		StreamInfo info;
		try {
			groups = this.jedis.xinfoGroups(key);
			info = this.jedis.xinfoStream(key);
		}
		catch (JedisDataException ex) {
			return "no stream (" + ex.getMessage() + ")";
		}
		for (StreamGroupInfo candidate : groups) {
			if (candidate.getName().equals(group)) {
				Object lag = candidate.getGroupInfo().get("lag");
				boolean allRead = (lag instanceof Long value) ? value == 0
						: String.valueOf(candidate.getLastDeliveredId())
							.equals(String.valueOf(info.getLastGeneratedId()));
				if (allRead && candidate.getPending() == 0) {
					return null;
				}
				return candidate.getPending() + " pending, lag " + lag + ", last delivered "
						+ candidate.getLastDeliveredId() + " of " + info.getLastGeneratedId();
			}
		}
		return "no such group";
	}

	/**
	 * Every entry of the stream, oldest first.
	 * @param stream the stream name, without key prefix
	 * @return the entries; empty when the stream does not exist
	 */
	public List<RawEntry> entries(String stream) {
		return range(key(stream));
	}

	/**
	 * Every dead letter of the stream, oldest first: the {@code data} of each holds the
	 * payload and its {@code _dlqMetadata}.
	 * @param stream the stream name, without key prefix
	 * @return the dead letters; empty when there are none
	 */
	public List<RawEntry> deadLetters(String stream) {
		return range(key("dlq:" + stream));
	}

	/**
	 * Every processing event of the stream ({@code started}, {@code progress},
	 * {@code completed}, {@code failed}), oldest first.
	 * @param stream the stream name, without key prefix
	 * @return the events; empty when there are none
	 */
	public List<RawEntry> events(String stream) {
		return range(key("events:" + stream));
	}

	/**
	 * Add an entry whose {@code data} field holds the given text as it is, as another
	 * producer (or a broken one) would: {@code XADD stream:NAME * data <json>}.
	 * @param stream the stream name, without key prefix
	 * @param json the payload, sent unchanged (it need not be valid JSON)
	 * @return the entry id
	 */
	public String addRaw(String stream, String json) {
		return addRaw(stream, Map.of("data", json));
	}

	/**
	 * Add an entry with exactly these fields, in this order (an entry without
	 * {@code data}, or with trace context fields).
	 * @param stream the stream name, without key prefix
	 * @param fields the fields
	 * @return the entry id
	 */
	public String addRaw(String stream, Map<String, String> fields) {
		return this.jedis.xadd(key(stream), StreamEntryID.NEW_ENTRY, new LinkedHashMap<>(fields)).toString();
	}

	/**
	 * The Redis key of a stream name.
	 * @param stream the stream name, without key prefix
	 * @return the key
	 */
	public String key(String stream) {
		return this.keyPrefix + stream;
	}

	/**
	 * Close the client when these helpers created it.
	 */
	@Override
	public void close() {
		if (this.ownsClient) {
			this.jedis.close();
		}
	}

	private List<RawEntry> range(String key) {
		List<RawEntry> result = new ArrayList<>();
		for (StreamEntry entry : this.jedis.xrange(key, "-", "+")) {
			result.add(new RawEntry(entry.getID().toString(), new LinkedHashMap<>(entry.getFields())));
		}
		return result;
	}

}
