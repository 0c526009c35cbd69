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
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis side of ordered processing for one consumer of one logical stream and group:
 * a lease on each partition it owns, and its membership of the group's consumers. Each
 * command is one script on one key.
 * <ul>
 * <li>The owner of partition {@code {orders:3}} in group {@code billing} is the value of
 * {@code <prefix>owner:{orders:3}:billing} (the same hash slot as the partition), set
 * with a time to live of one lease and renewed every poll interval by its owner.</li>
 * <li>The live consumers are the members of the sorted set
 * {@code <prefix>members:orders:billing}, scored with the Redis server's time of their
 * last heartbeat; members not seen for a lease are removed by whoever beats next.</li>
 * </ul>
 */
final class PartitionOwnership {

	private final UnifiedJedis jedis;

	private final String keyPrefix;

	private final String group;

	private final String consumerId;

	private final String membersKey;

	private final String leaseMillis;

	PartitionOwnership(UnifiedJedis jedis, String keyPrefix, String stream, String group, String consumerId,
			Duration lease) {
		this.jedis = jedis;
		this.keyPrefix = keyPrefix;
		this.group = group;
		this.consumerId = consumerId;
		this.membersKey = membersKey(keyPrefix, stream, group);
		this.leaseMillis = Long.toString(lease.toMillis());
	}

	/**
	 * The key that names the owner of a partition.
	 * @param keyPrefix the key prefix
	 * @param partition the partition's stream name, such as {@code {orders:3}}
	 * @param group the consumer group
	 * @return the key, such as {@code stream:owner:{orders:3}:billing}
	 */
	static String ownerKey(String keyPrefix, String partition, String group) {
		return keyPrefix + "owner:" + partition + ":" + group;
	}

	/**
	 * The key of the sorted set of the live consumers of a logical stream in a group.
	 * @param keyPrefix the key prefix
	 * @param stream the logical stream's name
	 * @param group the consumer group
	 * @return the key, such as {@code stream:members:orders:billing}
	 */
	static String membersKey(String keyPrefix, String stream, String group) {
		return keyPrefix + "members:" + stream + ":" + group;
	}

	String consumerId() {
		return this.consumerId;
	}

	/**
	 * Record that this consumer is alive and list the live consumers.
	 * @return the live consumers' ids, this one included
	 */
	List<String> beat() {
		return members(this.leaseMillis);
	}

	/**
	 * Leave the group's members, so that the others reassign this consumer's partitions
	 * at once.
	 */
	void leave() {
		members("0");
	}

	private List<String> members(String lease) {
		Object reply = RedisErrors.call("EVALSHA (members: ZADD, ZREMRANGEBYSCORE, ZRANGE)", this.membersKey,
				() -> Scripts.MEMBERS.run(this.jedis, List.of(this.membersKey), List.of(this.consumerId, lease)));
		List<String> members = new ArrayList<>();
		if (reply instanceof List<?> list) {
			for (Object member : list) {
				members.add(RedisReplies.string(member));
			}
		}
		return members;
	}

	/**
	 * Renew this consumer's lease on a partition it owns, or take the partition when
	 * nobody owns it and {@code acquire} is set.
	 * @param partition the partition's stream name
	 * @param acquire whether to take the partition if it is free
	 * @return the owner now, {@code null} when nobody owns it
	 */
	@Nullable String own(String partition, boolean acquire) {
		String key = ownerKey(this.keyPrefix, partition, this.group);
		Object reply = RedisErrors.call("EVALSHA (own partition: GET, SET, PEXPIRE)", key, () -> Scripts.OWN_PARTITION
			.run(this.jedis, List.of(key), List.of(this.consumerId, this.leaseMillis, acquire ? "1" : "0")));
		return (reply != null) ? RedisReplies.string(reply) : null;
	}

	/**
	 * Give up a partition, if this consumer owns it.
	 * @param partition the partition's stream name
	 */
	void release(String partition) {
		String key = ownerKey(this.keyPrefix, partition, this.group);
		RedisErrors.call("EVALSHA (release partition: GET, DEL)", key,
				() -> Scripts.RELEASE_PARTITION.run(this.jedis, List.of(key), List.of(this.consumerId)));
	}

}
