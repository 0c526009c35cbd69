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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.github.processredisevents.core.RedisEventStream;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Looks at every partition of a partitioned stream of {@link KeyedEntry keyed entries}
 * and their group through a client that follows the topology (a cluster or Sentinel
 * client): pending entries, whether the group has caught up, and which entries (by
 * {@link KeyedEntry#id()}) the streams and the dead letters hold.
 */
public final class PartitionsProbe {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final UnifiedJedis client;

	private final List<RedisEventStream> partitions;

	private final String group;

	/**
	 * Create a probe.
	 * @param client a client of the Redis deployment
	 * @param partitions the partitions' streams
	 * @param group the consumer group
	 */
	public PartitionsProbe(UnifiedJedis client, List<RedisEventStream> partitions, String group) {
		this.client = client;
		this.partitions = List.copyOf(partitions);
		this.group = group;
	}

	/**
	 * How many entries are pending in the group, over all partitions.
	 * @return the count
	 */
	public long pending() {
		long pending = 0;
		for (RedisEventStream partition : this.partitions) {
			StreamGroupInfo info = groupOf(partition.key());
			pending += (info != null) ? info.getPending() : 0;
		}
		return pending;
	}

	/**
	 * Whether the group has read every partition to its end and nothing is pending.
	 * @return whether it drained
	 */
	public boolean drained() {
		try {
			for (RedisEventStream partition : this.partitions) {
				if (!this.client.exists(partition.key())) {
					continue;
				}
				StreamEntryID last = this.client.xinfoStream(partition.key()).getLastGeneratedId();
				StreamGroupInfo info = groupOf(partition.key());
				if (info == null || info.getPending() != 0 || !last.equals(info.getLastDeliveredId())) {
					return false;
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Wait until the group has drained and {@code done} holds.
	 * @param since when the fault struck ({@link System#nanoTime()})
	 * @param atMost how long to wait at most
	 * @param done a further condition, such as the producer having finished
	 * @return the time from {@code since} until drained
	 */
	public Duration awaitDrain(long since, Duration atMost, BooleanSupplier done) {
		try {
			await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> done.getAsBoolean() && drained());
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Not drained within " + atMost + ": " + describe(), ex);
		}
		return Duration.ofNanos(System.nanoTime() - since);
	}

	/**
	 * The entries the partitions' streams hold.
	 * @return their ledger ids
	 */
	public Set<String> idsInStreams() {
		Set<String> ids = new HashSet<>();
		for (RedisEventStream partition : this.partitions) {
			StreamEntryID from = new StreamEntryID();
			while (true) {
				List<StreamEntry> chunk = this.client.xrange(partition.key(), from, (StreamEntryID) null, 1000);
				chunk.forEach((entry) -> ids.add(idOf(json.readTree(entry.getFields().get("data")))));
				if (chunk.size() < 1000) {
					break;
				}
				StreamEntryID lastId = chunk.get(chunk.size() - 1).getID();
				from = new StreamEntryID(lastId.getTime(), lastId.getSequence() + 1);
			}
		}
		return ids;
	}

	/**
	 * The entries the partitions' dead-letter streams hold.
	 * @return their ledger ids
	 */
	public Set<String> deadLetteredIds() {
		Set<String> ids = new HashSet<>();
		for (RedisEventStream partition : this.partitions) {
			for (StreamEntry entry : this.client.xrange(partition.deadLetterStream().key(), (StreamEntryID) null,
					(StreamEntryID) null, 100_000)) {
				ids.add(idOf(json.readTree(entry.getFields().get("data"))));
			}
		}
		return ids;
	}

	/**
	 * What Redis says about each partition's group, for failure messages.
	 * @return a description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		for (RedisEventStream partition : this.partitions) {
			try {
				text.append(partition.key()).append(": ");
				StreamGroupInfo info = groupOf(partition.key());
				text.append((info != null) ? info.getGroupInfo() : "no group");
				if (this.client.exists(partition.key())) {
					text.append(", last ").append(this.client.xinfoStream(partition.key()).getLastGeneratedId());
				}
			}
			catch (RuntimeException ex) {
				text.append("(no answer: ").append(ex).append(")");
			}
			text.append("; ");
		}
		return text.toString();
	}

	private @Nullable StreamGroupInfo groupOf(String key) {
		if (!this.client.exists(key)) {
			return null;
		}
		for (StreamGroupInfo info : this.client.xinfoGroups(key)) {
			if (info.getName().equals(this.group)) {
				return info;
			}
		}
		return null;
	}

	private static String idOf(JsonNode data) {
		return new KeyedEntry(data.path("key").asString(), data.path("seq").asLong()).id();
	}

}
