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
import java.util.List;
import java.util.stream.IntStream;

import io.github.processredisevents.core.testsupport.RedisSentinels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ordered processing through Redis Sentinel (a primary, its replica and three sentinels):
 * the main scenario of {@link OrderedProcessingIntegrationTests}, then a failover under
 * load, after which the consumers own every partition again and every entry is handled.
 */
class OrderedProcessingOnSentinelIntegrationTests extends OrderedProcessingIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(OrderedProcessingOnSentinelIntegrationTests.class);

	private static final JedisClientConfig CLIENT = DefaultJedisClientConfig.builder().build();

	private static RedisSentinels sentinels;

	@BeforeAll
	static void startSentinels() {
		sentinels = RedisSentinels.start();
	}

	@AfterAll
	static void stopSentinels() {
		sentinels.close();
	}

	@Override
	UnifiedJedis newClient() {
		return new JedisSentineled(RedisSentinels.MASTER_NAME, CLIENT, sentinels.sentinels(), CLIENT);
	}

	@Test
	void afterAFailoverTheConsumersOwnEveryPartitionAgainAndEveryEntryIsHandled() {
		StreamProcessor a = consumer("a", journaled("a"));
		StreamProcessor b = consumer("b", journaled("b"));
		await().atMost(WAIT).until(() -> ownedBy(a) == 3 && ownedBy(b) == 3);
		List<String> keys = keys(24);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.addAll(events(keys, 0, 10));
		await().atMost(WAIT).until(() -> this.journal.handled() == 24 * 10);
		this.journal.assertEachKeyInOrder(keys, 10, false);
		stream.addAll(events(keys, 10, 20));
		sentinels.failPrimary();
		await().atMost(WAIT).ignoreExceptions().until(() -> {
			stream.addAll(events(keys, 20, 21));
			return true;
		});
		await().atMost(WAIT).until(() -> ownedBy(a) + ownedBy(b) == PARTITIONS);
		await().atMost(WAIT).until(() -> keys.stream().allMatch((key) -> this.journal.started(key).contains(20)));
		for (String key : keys) {
			assertThat(this.journal.started(key)).as(key).containsAll(IntStream.range(0, 21).boxed().toList());
		}
		logger.info("Order violations across a Sentinel failover (replication is asynchronous): {}",
				this.journal.violations());
	}

}
