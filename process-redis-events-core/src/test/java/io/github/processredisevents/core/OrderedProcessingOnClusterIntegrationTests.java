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

import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link OrderedProcessingIntegrationTests}, against a real Redis Cluster
 * of three primaries with a replica each, where the partitions spread over the primaries.
 */
@ExtendWith(RealRedisCluster.class)
class OrderedProcessingOnClusterIntegrationTests extends OrderedProcessingIntegrationTests {

	private static RedisCluster cluster;

	@BeforeAll
	static void startCluster(RedisCluster started) {
		cluster = started;
	}

	@Override
	UnifiedJedis newClient() {
		return new JedisCluster(cluster.nodes(), DefaultJedisClientConfig.builder().build());
	}

	/**
	 * Here the consumer freezes: it stops renewing its partitions and fetching, without
	 * releasing them.
	 */
	@Override
	void kill(int engine, StreamProcessor processor) {
		((OrderedStreamProcessor) processor).halt();
	}

	@Test
	void theOwnerOfAPartitionIsKeptInThePartitionsSlot() {
		String partition = PartitionedStream.partitionName(this.name, PARTITIONS, 3);
		String owner = PartitionOwnership.ownerKey(RedisEvents.DEFAULT_KEY_PREFIX, partition, "billing");
		assertThat(owner).isEqualTo("stream:owner:{" + this.name + ":3}:billing");
		assertThat(JedisClusterCRC16.getSlot(owner)).isEqualTo(JedisClusterCRC16.getSlot("stream:" + partition));
	}

}
