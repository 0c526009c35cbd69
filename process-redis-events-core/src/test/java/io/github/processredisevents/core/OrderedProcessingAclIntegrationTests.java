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
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ACL of an ordered handler, as documented in docs/operations.md: what an unordered
 * consumer of a partitioned stream needs, plus the owner and member keys and the commands
 * of their scripts.
 */
@ExtendWith(RealRedis.class)
class OrderedProcessingAclIntegrationTests {

	record Order(String customerId, int number) {
	}

	@Test
	void anOrderedHandlerRunsWithTheDocumentedPermissions(RedisEndpoint endpoint) {
		String name = RealRedis.uniqueName("acl").replace("-", "");
		String user = "ordered-" + name;
		String rules = "on >pw resetkeys ~stream:" + name + " ~stream:{" + name + ":*} ~stream:dlq:{" + name
				+ ":*} ~stream:events:{" + name + ":*} ~stream:owner:{" + name + ":*}:billing ~stream:members:" + name
				+ ":billing resetchannels -@all"
				+ " +ping +xadd +xreadgroup +xack +xautoclaim +xclaim +xpending +xgroup|create +xinfo|consumers"
				+ " +xgroup|delconsumer +evalsha +eval +get +set +pexpire +del +time +zadd +zrem +zremrangebyscore"
				+ " +zrange +exists";
		try (Jedis admin = new Jedis(endpoint.hostAndPort())) {
			admin.aclSetUser(user, rules.split(" "));
			admin.aclLogReset();
			Set<Integer> handled = ConcurrentHashMap.newKeySet();
			try (JedisPooled client = new JedisPooled(endpoint.hostAndPort(),
					DefaultJedisClientConfig.builder().user(user).password("pw").build());
					RedisEvents events = RedisEvents.builder(client)
						.partitions(name, 3)
						.partitionKey(name, "/customerId")
						.keepAlive(false)
						.build()) {
				PartitionedStream stream = events.partitionedStream(name);
				StreamProcessor processor = stream.process(ProcessOptions.builder(Order.class)
					.group("billing")
					.consumerId("a")
					.ordered(true)
					.startFrom(StartFrom.OLDEST)
					.lease(Duration.ofMillis(400))
					.maxAttempts(2)
					.backoff(Backoff.fixed(Duration.ofMillis(50)))
					.build(), (item) -> {
						if (item.data().number() == 3) {
							throw new IllegalStateException("dead-lettered");
						}
						Thread.sleep(50);
						handled.add(item.data().number());
					});
				await().atMost(Duration.ofSeconds(30))
					.until(() -> processor.partitionOwnership().values().stream().allMatch(Boolean::booleanValue));
				for (int i = 0; i < 10; i++) {
					stream.add(new Order("c-" + (i % 3), i));
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 9);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> stream.partitions()
						.stream()
						.mapToLong((partition) -> admin.xlen(partition.deadLetterStream().key()))
						.sum() == 1);
				processor.stop();
				assertThat(processor.partitionOwnership()).doesNotContainValue(true);
			}
			assertThat(admin.aclLog()).isEmpty();
		}
	}

}
