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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A processor on a Redis Cluster whose stream's primary is killed (SIGKILL): it follows
 * the promoted replica without a restart.
 */
@ExtendWith(RealRedisCluster.class)
class ClusterFailoverIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Test
	void aProcessorFollowsThePromotedReplicaAndKeepsProcessing(RedisCluster cluster) {
		try (RedisEvents events = RedisEvents.connectCluster(cluster.nodes(),
				DefaultJedisClientConfig.builder().build())) {
			RedisEventStream stream = events.stream("{" + RealRedis.uniqueName("failover") + "}");
			Set<String> seen = ConcurrentHashMap.newKeySet();
			StreamProcessor processor = stream.process(ProcessOptions.builder(String.class)
				.group("workers")
				.startFrom(StartFrom.OLDEST)
				.lease(Duration.ofSeconds(2))
				.build(), (item) -> seen.add(item.data()));
			stream.add("before");
			await().atMost(WAIT).until(() -> seen.contains("before"));
			RedisEndpoint killed = cluster.primaryFor(stream.key());
			RedisEndpoint promoted = cluster.failPrimaryFor(stream.key());
			assertThat(promoted).isNotEqualTo(killed);
			await().atMost(WAIT).ignoreExceptions().until(() -> stream.add("after") != null);
			await().atMost(WAIT).until(() -> seen.contains("after"));
			await().atMost(WAIT).until(() -> processor.health().connected());
			assertThat(processor.state()).isEqualTo(ProcessorState.RUNNING);
		}
	}

}
