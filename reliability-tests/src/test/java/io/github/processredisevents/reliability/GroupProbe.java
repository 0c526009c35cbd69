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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Looks at a stream and its group in Redis, on a short-lived connection of its own that
 * bypasses any proxy: acknowledged count, pending entries, whether the group has caught
 * up, dead letters.
 */
public final class GroupProbe {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String host;

	private final int port;

	private final String key;

	private final String group;

	/**
	 * Create a probe.
	 * @param host the Redis host
	 * @param port the Redis port (not a proxy)
	 * @param key the stream key
	 * @param group the consumer group
	 */
	public GroupProbe(String host, int port, String key, String group) {
		this.host = host;
		this.port = port;
		this.key = key;
		this.group = group;
	}

	Jedis connect() {
		Jedis jedis = new Jedis(this.host, this.port, 2000);
		return jedis;
	}

	/**
	 * How many entries the group has acknowledged: entries read minus entries pending.
	 * @return the count, or -1 when Redis does not answer or the group is missing
	 */
	public long acknowledged() {
		try (Jedis jedis = connect()) {
			for (StreamGroupInfo info : jedis.xinfoGroups(this.key)) {
				if (info.getName().equals(this.group)) {
					Object read = info.getGroupInfo().get("entries-read");
					long entriesRead = (read instanceof Long value) ? value : 0;
					return entriesRead - info.getPending();
				}
			}
			return -1;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * How many entries are pending in the group.
	 * @return the count, or -1 when Redis does not answer
	 */
	public long pending() {
		try (Jedis jedis = connect()) {
			for (StreamGroupInfo info : jedis.xinfoGroups(this.key)) {
				if (info.getName().equals(this.group)) {
					return info.getPending();
				}
			}
			return 0;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The pending entries (at most 10,000).
	 * @return the entries
	 */
	public List<StreamPendingEntry> pendingEntries() {
		try (Jedis jedis = connect()) {
			return jedis.xpending(this.key, this.group, XPendingParams.xPendingParams().count(10_000));
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	/**
	 * Whether the group has read everything and nothing is pending.
	 * @return whether it drained
	 */
	public boolean drained() {
		try (Jedis jedis = connect()) {
			StreamEntryID last = jedis.xinfoStream(this.key).getLastGeneratedId();
			for (StreamGroupInfo info : jedis.xinfoGroups(this.key)) {
				if (info.getName().equals(this.group)) {
					return info.getPending() == 0 && last.equals(info.getLastDeliveredId());
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * What Redis says about the stream and the group, for failure messages.
	 * @return a description
	 */
	public String describe() {
		try (Jedis jedis = connect()) {
			StringBuilder text = new StringBuilder("stream ").append(jedis.xinfoStream(this.key).getStreamInfo());
			for (StreamGroupInfo info : jedis.xinfoGroups(this.key)) {
				text.append("; group ").append(info.getGroupInfo());
			}
			text.append("; pending ")
				.append(pendingEntries().stream()
					.limit(5)
					.map((entry) -> entry.getID() + "@" + entry.getConsumerName() + "x" + entry.getDeliveredTimes())
					.toList());
			return text.toString();
		}
		catch (RuntimeException ex) {
			return "(Redis did not answer: " + ex + ")";
		}
	}

	/**
	 * The ids of the entries still in the stream.
	 * @return the ids
	 */
	public Set<String> streamIds() {
		Set<String> ids = new HashSet<>();
		try (Jedis jedis = connect()) {
			StreamEntryID from = new StreamEntryID();
			while (true) {
				List<StreamEntry> chunk = jedis.xrange(this.key, from, (StreamEntryID) null, 1000);
				for (StreamEntry entry : chunk) {
					ids.add(entry.getID().toString());
				}
				if (chunk.size() < 1000) {
					return ids;
				}
				StreamEntryID lastId = chunk.get(chunk.size() - 1).getID();
				from = new StreamEntryID(lastId.getTime(), lastId.getSequence() + 1);
			}
		}
	}

	/**
	 * The original ids of the dead letters of the stream (dead-letter key
	 * {@code stream:dlq:NAME}).
	 * @param deadLetterKey the dead-letter stream key
	 * @return the original ids
	 */
	public List<String> deadLetteredIds(String deadLetterKey) {
		return deadLetters(deadLetterKey).stream()
			.map((letter) -> letter.path("_dlqMetadata").path("originalId").asString())
			.toList();
	}

	/**
	 * The dead letters of the stream, parsed.
	 * @param deadLetterKey the dead-letter stream key
	 * @return the letters
	 */
	public List<JsonNode> deadLetters(String deadLetterKey) {
		List<JsonNode> letters = new ArrayList<>();
		try (Jedis jedis = connect()) {
			for (StreamEntry entry : jedis.xrange(deadLetterKey, (StreamEntryID) null, (StreamEntryID) null, 100_000)) {
				Map<String, String> fields = entry.getFields();
				letters.add(json.readTree(fields.get("data")));
			}
		}
		return letters;
	}

	/**
	 * Wait until the acknowledged count grows beyond {@code baseline}.
	 * @param since when the fault was cleared ({@link System#nanoTime()})
	 * @param baseline the acknowledged count when the fault was cleared, or -1 to take
	 * the first answer
	 * @param atMost how long to wait at most
	 * @return the time from {@code since} to the first growth
	 */
	public Duration awaitRecovery(long since, long baseline, Duration atMost) {
		long[] base = { baseline };
		await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
			long now = acknowledged();
			if (now < 0) {
				return false;
			}
			if (base[0] < 0) {
				base[0] = now;
				return false;
			}
			return now > base[0];
		});
		return Duration.ofNanos(System.nanoTime() - since);
	}

	/**
	 * Wait until the group has drained and {@code done} holds.
	 * @param since when the fault was cleared ({@link System#nanoTime()})
	 * @param atMost how long to wait at most
	 * @param done a further condition, such as the producer having finished
	 * @return the time from {@code since} until drained
	 */
	public Duration awaitDrain(long since, Duration atMost, @Nullable BooleanSupplier done) {
		try {
			await().atMost(atMost)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> (done == null || done.getAsBoolean()) && drained());
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Not drained within " + atMost + ": " + describe(), ex);
		}
		return Duration.ofNanos(System.nanoTime() - since);
	}

}
