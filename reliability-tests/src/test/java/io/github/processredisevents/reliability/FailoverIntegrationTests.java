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

import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import io.github.processredisevents.core.testsupport.RedisSentinels;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.util.JedisClusterCRC16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios 20a to 20c: the Redis primary of a busy stream goes away and the topology
 * changes under load (Redis Cluster failover, Sentinel failover, cluster reshard). The
 * consumers follow the new topology without a restart. Entries the new primary does not
 * have (asynchronous replication) are reported as lost in Redis, apart from the library.
 */
class FailoverIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final int ENTRIES = 1500;

	/**
	 * What one consumer may hold unacknowledged at the default settings: a batch being
	 * handled by its workers, a batch fetched, and one batch of acknowledgements unsent.
	 */
	private static final int UNACKNOWLEDGED_PER_CONSUMER = 3 * 20;

	private static final JedisClientConfig CLIENT = DefaultJedisClientConfig.builder().build();

	@Test
	void consumersFollowAClusterFailoverOfTheBusyStreamsPrimary() throws Exception {
		try (RedisCluster cluster = RedisCluster.start();
				Ledger ledger = Ledger.create("s20a");
				RedisEvents events = RedisEvents.connectCluster(cluster.nodes(), CLIENT)) {
			RedisEventStream stream = events.stream("{orders}");
			Load load = Load.start(events, stream, ledger);
			await().atMost(Duration.ofSeconds(60)).until(() -> load.producer.added() >= 500);
			long killedAt = System.currentTimeMillis();
			long killed = System.nanoTime();
			RedisEndpoint old = cluster.killPrimaryFor(stream.key());
			RedisEndpoint promoted = cluster.awaitPrimaryFor(stream.key(), Duration.ofSeconds(60));
			Duration promotion = Duration.ofNanos(System.nanoTime() - killed);
			Figures figures = load.finish(probe(promoted, stream), killedAt, killed);
			ReliabilityReport.add("20a",
					"Redis Cluster: primary of the busy stream SIGKILLed under load, replica promoted", figures,
					"cluster-node-timeout " + cluster.nodeTimeout().toMillis() + " ms; replica promoted "
							+ ReliabilityReport.format(promotion) + " after the kill (port " + old.port() + " -> "
							+ promoted.port()
							+ "); recovery = kill to the first completion of an entry added after it; "
							+ load.producer.failures() + " adds failed and were retried");
			assertThat(figures.lostByLibrary()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
			assertThat(figures.dup()).as("duplicates beyond what two consumers hold unacknowledged")
				.isLessThan(2 * UNACKNOWLEDGED_PER_CONSUMER);
		}
	}

	@Test
	void consumersFollowASentinelFailover() throws Exception {
		try (RedisSentinels sentinels = RedisSentinels.start();
				Ledger ledger = Ledger.create("s20b");
				RedisEvents events = RedisEvents
					.builder(new JedisSentineled(RedisSentinels.MASTER_NAME, CLIENT, sentinels.sentinels(), CLIENT))
					.blockingClientFactory(() -> new JedisSentineled(RedisSentinels.MASTER_NAME,
							RedisEvents.blockingReadConfig(CLIENT), sentinels.sentinels(), CLIENT))
					.build()) {
			RedisEventStream stream = events.stream("orders");
			Load load = Load.start(events, stream, ledger);
			await().atMost(Duration.ofSeconds(60)).until(() -> load.producer.added() >= 500);
			long killedAt = System.currentTimeMillis();
			long killed = System.nanoTime();
			RedisEndpoint promoted = sentinels.failPrimary();
			Duration promotion = Duration.ofNanos(System.nanoTime() - killed);
			Figures figures = load.finish(probe(promoted, stream), killedAt, killed);
			events.client().close();
			ReliabilityReport.add("20b", "Sentinel: primary SIGKILLed under load, three sentinels promote its replica",
					figures, "down-after 1 s; new primary " + ReliabilityReport.format(promotion) + " after the kill; "
							+ load.producer.failures() + " adds failed and were retried");
			assertThat(figures.lostByLibrary()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
		}
	}

	@Test
	void consumersFollowAReshardOfTheBusyStreamsSlot() throws Exception {
		try (RedisCluster cluster = RedisCluster.start();
				Ledger ledger = Ledger.create("s20c");
				RedisEvents events = RedisEvents.connectCluster(cluster.nodes(), CLIENT)) {
			RedisEventStream stream = events.stream(nearTheStartOfItsPrimarysSlots(cluster));
			RedisEndpoint from = cluster.primaryFor(stream.key());
			RedisEndpoint to = cluster.primaries()
				.stream()
				.filter((primary) -> !primary.equals(from))
				.findFirst()
				.get();
			int slots = JedisClusterCRC16.getSlot(stream.key()) - cluster.firstSlotOf(from) + 1;
			Load load = Load.start(events, stream, ledger);
			await().atMost(Duration.ofSeconds(60)).until(() -> load.producer.added() >= 500);
			long movedAt = System.currentTimeMillis();
			long moving = System.nanoTime();
			cluster.reshard(from, to, slots);
			Duration move = Duration.ofNanos(System.nanoTime() - moving);
			assertThat(cluster.primaryFor(stream.key())).isEqualTo(to);
			Figures figures = load.finish(probe(to, stream), movedAt, moving);
			ReliabilityReport.add("20c",
					"Redis Cluster: the busy stream's slot moved to another primary (redis-cli --cluster reshard)"
							+ " under load",
					figures,
					slots + " slots moved in " + ReliabilityReport.format(move) + "; recovery = reshard start to the"
							+ " first completion of an entry added after it; " + load.producer.failures()
							+ " adds failed and were retried");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(2);
		}
	}

	private static GroupProbe probe(RedisEndpoint primary, RedisEventStream stream) {
		return new GroupProbe(primary.host(), primary.port(), stream.key(), Scenario.GROUP);
	}

	/**
	 * A hash-tagged stream name whose slot is among the first slots of its primary, so
	 * that a reshard moving a few slots from the start moves it.
	 */
	private static String nearTheStartOfItsPrimarysSlots(RedisCluster cluster) {
		List<Integer> firstSlots = cluster.primaries().stream().map(cluster::firstSlotOf).toList();
		for (int i = 0;; i++) {
			String name = "{orders-" + i + "}";
			int slot = JedisClusterCRC16.getSlot("stream:" + name);
			int start = firstSlots.stream().filter((first) -> first <= slot).max(Integer::compare).orElse(-100);
			if (slot - start < 20) {
				return name;
			}
		}
	}

	/**
	 * Two in-process consumers and a steady producer on one stream, recording in a
	 * ledger.
	 */
	private static final class Load {

		private final Ledger ledger;

		private final List<StreamProcessor> consumers;

		private final Producer producer;

		private final String deadLetterKey;

		private Load(Ledger ledger, List<StreamProcessor> consumers, Producer producer, String deadLetterKey) {
			this.ledger = ledger;
			this.deadLetterKey = deadLetterKey;
			this.consumers = consumers;
			this.producer = producer;
		}

		static Load start(RedisEvents events, RedisEventStream stream, Ledger ledger) throws InterruptedException {
			List<StreamProcessor> consumers = List.of(consumer(events, stream, ledger, "c1"),
					consumer(events, stream, ledger, "c2"));
			consumers.get(0).awaitRunning(Duration.ofSeconds(20));
			return new Load(ledger, consumers,
					new Producer(stream, ledger.writer("producer"), ENTRIES, Duration.ofMillis(3)),
					stream.deadLetterStream().key());
		}

		private static StreamProcessor consumer(RedisEvents events, RedisEventStream stream, Ledger ledger, String id) {
			return stream.process(Scenario.options(id, LEASE).build(),
					new RecordingHandler<>(ledger.writer(id), id, (item) -> 5));
		}

		/**
		 * Wait for recovery and drain, then join the ledger with what the primary has.
		 */
		Figures finish(GroupProbe probe, long faultMillis, long faultNanos) throws InterruptedException {
			Duration recovery = awaitFirstCompletionAddedAfter(faultMillis, faultNanos);
			Duration drain = probe.awaitDrain(faultNanos, Duration.ofSeconds(90), this.producer::finished);
			int alive = (int) this.consumers.stream().filter((consumer) -> consumer.health().loopAlive()).count();
			Figures figures = Figures.of(this.ledger, probe, this.deadLetterKey, recovery, drain, alive,
					this.consumers.size());
			this.producer.close();
			this.consumers.forEach(StreamProcessor::stop);
			return figures;
		}

		private Duration awaitFirstCompletionAddedAfter(long faultMillis, long faultNanos) {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
				List<LedgerRecord> records = this.ledger.records();
				Set<String> addedAfter = new HashSet<>();
				for (LedgerRecord record : records) {
					if (record.kind() == LedgerRecord.Kind.ADDED && record.millis() >= faultMillis) {
						addedAfter.add(record.id());
					}
				}
				return records.stream()
					.anyMatch((record) -> record.kind() == LedgerRecord.Kind.DONE && addedAfter.contains(record.id()));
			});
			return Duration.ofNanos(System.nanoTime() - faultNanos);
		}

	}

}
