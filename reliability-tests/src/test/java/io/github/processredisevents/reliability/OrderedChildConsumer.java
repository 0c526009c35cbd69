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

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;

/**
 * The {@code main} of a consumer JVM of a partitioned stream of {@link KeyedEntry keyed
 * entries} on a Redis Cluster, ordered per key or not. Configured with system properties
 * ({@code nodes} as {@code host:port,...}, {@code stream}, {@code partitions},
 * {@code group}, {@code consumer}, {@code ordered}, {@code leaseMs}, {@code concurrency},
 * {@code workMs}, {@code ledger}); it records each entry by its ledger id. It prints
 * {@code READY <millis>} once it runs, {@code <millis>} being when it started processing,
 * and {@code STOPPED} when SIGTERM has stopped its processor.
 */
public final class OrderedChildConsumer {

	private OrderedChildConsumer() {
	}

	public static void main(String[] args) throws Exception {
		String consumer = System.getProperty("consumer");
		String stream = System.getProperty("stream");
		long workMillis = Long.getLong("workMs", 2);
		LedgerWriter ledger = LedgerWriter.open(Path.of(System.getProperty("ledger")));
		Set<HostAndPort> nodes = Arrays.stream(System.getProperty("nodes").split(","))
			.map(HostAndPort::from)
			.collect(Collectors.toSet());
		JedisClientConfig config = DefaultJedisClientConfig.builder().build();
		JedisCluster client = new JedisCluster(nodes, config);
		RedisEvents events = RedisEvents.builder(client)
			.blockingClientFactory(() -> new JedisCluster(nodes, RedisEvents.blockingReadConfig(config)))
			.partitions(stream, Integer.getInteger("partitions", 12))
			.partitionKey(stream, KeyedEntry.KEY_POINTER)
			.build();
		ProcessOptions<KeyedEntry> options = ProcessOptions.builder(KeyedEntry.class)
			.group(System.getProperty("group"))
			.consumerId(consumer)
			.startFrom(StartFrom.OLDEST)
			.lease(Duration.ofMillis(Long.getLong("leaseMs", 5000)))
			.concurrency(Integer.getInteger("concurrency", 24))
			.ordered(Boolean.getBoolean("ordered"))
			.build();
		long started = System.currentTimeMillis();
		StreamProcessor processor = events.partitionedStream(stream)
			.process(options,
					new RecordingHandler<>(ledger, consumer, (item) -> workMillis, (item) -> item.data().id()));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			processor.stop();
			events.close();
			client.close();
			System.out.println("STOPPED");
			System.out.flush();
		}));
		if (processor.awaitRunning(Duration.ofSeconds(60))) {
			System.out.println("READY " + started);
			System.out.flush();
		}
		Thread.currentThread().join();
	}

}
