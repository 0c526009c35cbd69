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

import ch.qos.logback.classic.Level;
import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A processor on a Redis Cluster whose stream's slot moves to another primary: it follows
 * the slot without a restart, and does not take the move for a lost group.
 */
@ExtendWith(RealRedisCluster.class)
class ClusterReshardIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Test
	void aProcessorFollowsItsSlotToAnotherPrimaryWithoutWarningThatItsGroupIsGone(RedisCluster cluster) {
		try (CapturedLogs logs = CapturedLogs.of(FetchLoop.class);
				RedisEvents events = RedisEvents.connectCluster(cluster.nodes(),
						DefaultJedisClientConfig.builder().build())) {
			RedisEventStream stream = events.stream("{" + RealRedis.uniqueName("reshard") + "}");
			Set<String> seen = ConcurrentHashMap.newKeySet();
			StreamProcessor processor = stream.process(ProcessOptions.builder(String.class)
				.group("workers")
				.startFrom(StartFrom.OLDEST)
				.lease(Duration.ofSeconds(30))
				.build(), (item) -> seen.add(item.data()));
			stream.add("before");
			await().atMost(WAIT).until(() -> seen.contains("before"));
			RedisEndpoint from = cluster.primaryFor(stream.key());
			RedisEndpoint to = cluster.primaries()
				.stream()
				.filter((primary) -> !primary.equals(from))
				.findFirst()
				.get();
			// MIGRATE deletes the stream from its old primary under the blocked read,
			// which
			// Redis ends with "UNBLOCKED the stream key no longer exists"; the group
			// moved
			// with the stream
			cluster.moveSlotOf(stream.key(), to,
					() -> await().atMost(WAIT).until(() -> blockedReads(cluster, from) > 0));
			assertThat(cluster.primaryFor(stream.key())).isEqualTo(to);
			stream.add("after");
			await().atMost(WAIT).until(() -> seen.contains("after"));
			assertThat(logs.messages(Level.INFO)).anyMatch((line) -> line.startsWith("A read of consumer '"
					+ processor.consumerId() + "' on stream '" + stream.name() + "' met no group"));
			assertThat(logs.messages(Level.WARN)).noneMatch((line) -> line.contains("gone"));
			assertThat(processor.health().connected()).isTrue();
			processor.stop();
		}
	}

	private static long blockedReads(RedisCluster cluster, RedisEndpoint node) {
		return cluster.command(node, Jedis::clientList)
			.lines()
			.filter((client) -> client.contains(" cmd=xreadgroup ") && client.contains(" flags=b "))
			.count();
	}

}
