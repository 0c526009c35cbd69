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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.util.JedisClusterCRC16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A logical stream split into partitions on a real Redis Cluster: where partitions live,
 * how entries are routed, and how handlers in several processes consume them.
 */
@ExtendWith(RealRedisCluster.class)
class PartitionedStreamIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final List<RedisEvents> engines = new ArrayList<>();

	private String name;

	private RedisCluster cluster;

	@BeforeEach
	void name(RedisCluster cluster) {
		this.cluster = cluster;
		this.name = RealRedis.uniqueName("partitioned");
	}

	@AfterEach
	void close() {
		for (RedisEvents events : this.engines) {
			events.close();
			events.client().close();
		}
	}

	/**
	 * An engine, standing for one process of the application.
	 */
	private RedisEvents engine(int partitions) {
		RedisEvents events = RedisEvents
			.builder(new redis.clients.jedis.JedisCluster(this.cluster.nodes(),
					DefaultJedisClientConfig.builder().build()))
			.partitions(this.name, partitions)
			.build();
		this.engines.add(events);
		return events;
	}

	private static ProcessOptions.Builder<String> options() {
		return ProcessOptions.builder(String.class)
			.group("workers")
			.startFrom(StartFrom.OLDEST)
			.backoff(Backoff.fixed(Duration.ofMillis(50)))
			.shutdownTimeout(Duration.ofSeconds(5));
	}

	@Test
	void eachPartitionKeepsItsKeysInOneSlotAndPartitionsSpreadOverThePrimaries() {
		PartitionedStream stream = engine(12).partitionedStream(this.name);
		assertThat(stream.partitions()).hasSize(12);
		Set<Integer> slots = new HashSet<>();
		Set<Object> primaries = new HashSet<>();
		for (int i = 0; i < 12; i++) {
			RedisEventStream partition = stream.partitions().get(i);
			assertThat(partition.name()).isEqualTo("{" + this.name + ":" + i + "}");
			int slot = JedisClusterCRC16.getSlot(partition.key());
			assertThat(JedisClusterCRC16.getSlot(partition.deadLetterStream().key())).isEqualTo(slot);
			assertThat(JedisClusterCRC16.getSlot(partition.eventStream().key())).isEqualTo(slot);
			slots.add(slot);
			primaries.add(this.cluster.primaryFor(partition.key()));
		}
		assertThat(slots).hasSize(12);
		assertThat(primaries).hasSize(3);
	}

	@Test
	void aStreamOfOnePartitionIsThePlainStream() {
		PartitionedStream stream = engine(1).partitionedStream("{" + this.name + "}");
		assertThat(stream.partitions()).extracting(RedisEventStream::key).containsExactly("stream:{" + this.name + "}");
	}

	@Test
	void entriesWithAKeyGoToThePartitionOfItsCrc16InTheOrderTheyWereAdded() {
		PartitionedStream stream = engine(12).partitionedStream(this.name);
		for (int i = 0; i < 5; i++) {
			for (String key : List.of("order-1", "order-2", "order-3")) {
				stream.add(key, key + "#" + i);
			}
		}
		for (String key : List.of("order-1", "order-2", "order-3")) {
			int partition = JedisClusterCRC16.getCRC16(key.getBytes(StandardCharsets.UTF_8)) % 12;
			assertThat(PartitionedStream.partitionOf(key, 12)).isEqualTo(partition);
			List<String> inPartition = stream.partitions()
				.get(partition)
				.oldest(100)
				.stream()
				.map((record) -> record.data().replace("\"", ""))
				.filter((data) -> data.startsWith(key + "#"))
				.toList();
			assertThat(inPartition).containsExactly(key + "#0", key + "#1", key + "#2", key + "#3", key + "#4");
		}
	}

	@Test
	void entriesWithoutAKeySpreadEvenly() {
		RedisEvents events = engine(12);
		for (int i = 0; i < 36; i++) {
			events.partitionedStream(this.name).add("one-" + i);
		}
		PartitionedStream stream = events.partitionedStream(this.name);
		List<String> ids = stream.addAll(java.util.stream.IntStream.range(0, 24).mapToObj((i) -> "all-" + i).toList());
		assertThat(ids).hasSize(24).doesNotContainNull();
		assertThat(stream.partitions()).allSatisfy((partition) -> assertThat(partition.length()).isEqualTo(5));
	}

	@Test
	void aHandlerConsumesEveryPartitionAndHandlersInTwoProcessesShareTheWork() {
		Map<String, String> handledBy = new ConcurrentHashMap<>();
		AtomicLong handled = new AtomicLong();
		for (String process : List.of("a", "b")) {
			engine(6).partitionedStream(this.name).process(options().consumerId(process).build(), (item) -> {
				handledBy.put(item.data(), process);
				handled.incrementAndGet();
				Thread.sleep(5);
			});
		}
		PartitionedStream stream = engine(6).partitionedStream(this.name);
		stream.addAll(java.util.stream.IntStream.range(0, 300).mapToObj((i) -> "e-" + i).toList());
		await().atMost(WAIT).until(() -> handledBy.size() == 300);
		assertThat(handled.get()).isEqualTo(300);
		assertThat(handledBy.values()).contains("a", "b");
		await().atMost(WAIT)
			.until(() -> stream.partitions()
				.stream()
				.allMatch((partition) -> partition.consumerGroups().get(0).pending() == 0));
	}

	@Test
	void aBusyPartitionNeverStarvesTheOthers() {
		PartitionedStream stream = engine(4).partitionedStream(this.name);
		RedisEventStream busy = stream.partitions().get(0);
		List<String> handled = new CopyOnWriteArrayList<>();
		busy.addAll(java.util.stream.IntStream.range(0, 200).mapToObj((i) -> "slow-" + i).toList());
		StreamProcessor processor = stream.process(options().concurrency(4).build(), (item) -> {
			if (item.data().startsWith("slow-")) {
				Thread.sleep(50);
			}
			handled.add(item.data());
		});
		await().atMost(WAIT).until(() -> handled.size() >= 5);
		stream.partitions().get(3).add("quick");
		await().atMost(WAIT).until(() -> handled.contains("quick"));
		long slowHandled = handled.stream().filter((data) -> data.startsWith("slow-")).count();
		assertThat(slowHandled).as("slow entries handled before the quick one").isLessThan(200);
		assertThat(processor.stats().inFlight()).isPositive();
	}

	@Test
	void aDeadConsumersPendingEntriesOnEveryPartitionAreTakenOver() {
		PartitionedStream stream = engine(3).partitionedStream(this.name);
		stream.addAll(List.of("p-0", "p-1", "p-2", "p-3", "p-4", "p-5"));
		for (RedisEventStream partition : stream.partitions()) {
			RedisEvents events = this.engines.get(0);
			events.client().xgroupCreate(partition.key(), "workers", new StreamEntryID(), true);
			events.client()
				.xreadGroup("workers", "dead", XReadGroupParams.xReadGroupParams().count(10),
						Map.of(partition.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
		}
		Set<String> handled = ConcurrentHashMap.newKeySet();
		stream.process(options().lease(Duration.ofSeconds(1)).build(), (item) -> handled.add(item.data()));
		await().atMost(WAIT).until(() -> handled.size() == 6);
	}

	@Test
	void afterTheCountChangesHandlersDrainTheRetiredPartitions() {
		engine(4).partitionedStream(this.name).addAll(List.of("old-0", "old-1", "old-2", "old-3"));
		PartitionedStream shrunk = engine(2).partitionedStream(this.name);
		assertThat(shrunk.retiredPartitions()).extracting(RedisEventStream::name)
			.containsExactly("{" + this.name + ":2}", "{" + this.name + ":3}");
		Set<String> handled = ConcurrentHashMap.newKeySet();
		shrunk.process(options().build(), (item) -> handled.add(item.data()));
		shrunk.add("new-0");
		await().atMost(WAIT).until(() -> handled.size() == 5);
		assertThat(handled).contains("old-0", "old-1", "old-2", "old-3", "new-0");
	}

	@Test
	void partitionCountsAndNamesAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionedStream.partitionName("orders", 0, 0))
			.withMessage("'partitions' of stream 'orders' must lie in [1, 1024], but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionedStream.partitionName("{orders}", 4, 0))
			.withMessageContaining("Stream '{orders}' has 4 partitions, which choose hash tags of their own")
			.withMessageContaining("name it without braces");
		assertThat(PartitionedStream.partitionName("{orders}", 1, 0)).isEqualTo("{orders}");
	}

}
