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

package io.github.processredisevents.core.testsupport;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster fixture: three primaries with a replica each, a primary killed and
 * replaced, the killed node back as a replica.
 */
@ExtendWith(RealRedisCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTests {

	@Test
	@Order(1)
	void startsThreePrimariesWithAReplicaEach(RedisCluster cluster) {
		assertThat(cluster.nodes()).hasSize(6);
		assertThat(cluster.primaries()).hasSize(3);
		Set<RedisEndpoint> owners = new HashSet<>();
		try (JedisCluster jedis = new JedisCluster(cluster.nodes())) {
			for (int i = 0; i < 30; i++) {
				String key = "fixture:" + i;
				jedis.set(key, "v");
				owners.add(cluster.primaryFor(key));
			}
			assertThat(jedis.get("fixture:0")).isEqualTo("v");
		}
		assertThat(owners).hasSize(3);
	}

	@Test
	@Order(2)
	void promotesTheReplicaWhenAPrimaryIsKilled(RedisCluster cluster) {
		String key = "{failover}";
		try (JedisCluster jedis = new JedisCluster(cluster.nodes())) {
			jedis.set(key, "before");
			jedis.waitReplicas(key, 1, 5000);
			RedisEndpoint killed = cluster.primaryFor(key);
			RedisEndpoint promoted = cluster.failPrimaryFor(key);
			assertThat(promoted).isNotEqualTo(killed);
			assertThat(cluster.primaries()).hasSize(3).doesNotContain(killed);
			assertThat(jedis.get(key)).isEqualTo("before");
			jedis.set(key, "after");
			cluster.restart(killed);
			assertThat(cluster.primaryFor(key)).isEqualTo(promoted);
			assertThat(jedis.get(key)).isEqualTo("after");
		}
	}

}
