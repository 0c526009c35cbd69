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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.processredisevents.core.Backoff;
import io.github.processredisevents.core.PartitionedStream;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import io.github.processredisevents.core.testsupport.RedisSentinels;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios 20d to 20g: ordered consumers ({@link ProcessOptions#ordered()}) of a
 * partitioned stream under the faults of 20a to 20c (Redis Cluster failover, Sentinel
 * failover, slot migration), and without a fault while a consumer joins and another
 * leaves. Besides the figures of the other scenarios, the ledger is checked for order per
 * key ({@link KeyOrdering}). Asynchronous replication can lose an acknowledgement or a
 * partition's owner lease in a failover, so there the violations are reported, not
 * asserted; where Redis loses no write (a slot migration, no fault) there must be none.
 */
class OrderedFailoverIntegrationTests {

	private static final String STREAM = "orders";

	private static final int PARTITIONS = 6;

	private static final int KEYS = 50;

	private static final int ENTRIES = 2000;

	/** Entries added before the consumers start, so that they begin with a backlog. */
	private static final int BACKLOG = 200;

	private static final int FAULT_AFTER = 800;

	private static final long WORK_MILLIS = 4;

	private static final Duration PAUSE = Duration.ofMillis(1);

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final JedisClientConfig CLIENT = DefaultJedisClientConfig.builder().build();

	@Test
	void orderedConsumersFollowAClusterFailoverOfTheBusiestPartitionsPrimary() throws Exception {
		try (RedisCluster cluster = RedisCluster.start();
				Ledger ledger = Ledger.create("s20d");
				Engines engines = new Engines(() -> new JedisCluster(cluster.nodes(), CLIENT),
						() -> new JedisCluster(cluster.nodes(), RedisEvents.blockingReadConfig(CLIENT), smallPool()))) {
			OrderedLoad load = OrderedLoad.start(engines, ledger, true);
			String busiest = load.stream.partitions()
				.get(KeyedProducer.busiestPartition(KeyedProducer.keys(KEYS), PARTITIONS))
				.key();
			load.awaitSettledAndAdded(FAULT_AFTER);
			long killedAt = System.currentTimeMillis();
			long killed = System.nanoTime();
			RedisEndpoint old = cluster.killPrimaryFor(busiest);
			Set<String> failedKeys = keysOnPrimary(cluster, load.stream, old);
			RedisEndpoint promoted = cluster.awaitPrimaryFor(busiest, Duration.ofSeconds(60));
			Duration promotion = Duration.ofNanos(System.nanoTime() - killed);
			Figures figures = load.finish(killedAt, killed);
			KeyOrdering ordering = KeyOrdering.of(ledger.records());
			KeyOrdering elsewhere = KeyOrdering.of(recordsOf(ledger, (key) -> !failedKeys.contains(key)));
			ReliabilityReport.add("20d",
					"Redis Cluster, ordered consumers: the primary of the busiest partition SIGKILLed under load,"
							+ " replica promoted",
					figures,
					PARTITIONS + " partitions, " + KEYS + " keys, 3 ordered consumers; cluster-node-timeout "
							+ cluster.nodeTimeout().toMillis() + " ms; replica promoted "
							+ ReliabilityReport.format(promotion) + " after the kill (port " + old.port() + " -> "
							+ promoted.port() + "); recovery = kill to the first completion of an entry added after"
							+ " it; " + load.producer.failures() + " adds failed and were retried");
			ReliabilityReport.addOrdering("20d", ordering,
					failedKeys.size() + " keys on the killed primary's partitions; on the others: "
							+ elsewhere.outOfOrder() + " out-of-order, " + elsewhere.overlaps() + " overlaps, "
							+ elsewhere.rerunsAfterLater() + " re-runs after a later entry");
			assertThat(figures.lostByLibrary()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(3);
			// Order is reported, not asserted, even on the partitions whose primary did
			// not fail (Redis lost nothing there): a consumer whose lease renewals stall
			// on the dead primary keeps running its other partitions past their leases
			// while another consumer takes them over (docs/reliability.md, "Not covered
			// yet"). Once that is fixed, elsewhere.violations() must be 0.
		}
	}

	@Test
	void orderedConsumersFollowASentinelFailover() throws Exception {
		try (RedisSentinels sentinels = RedisSentinels.start();
				Ledger ledger = Ledger.create("s20e");
				Engines engines = new Engines(
						() -> new JedisSentineled(RedisSentinels.MASTER_NAME, CLIENT, sentinels.sentinels(), CLIENT),
						() -> new JedisSentineled(RedisSentinels.MASTER_NAME, RedisEvents.blockingReadConfig(CLIENT),
								sentinels.sentinels(), CLIENT))) {
			OrderedLoad load = OrderedLoad.start(engines, ledger, true);
			load.awaitSettledAndAdded(FAULT_AFTER);
			long killedAt = System.currentTimeMillis();
			long killed = System.nanoTime();
			RedisEndpoint promoted = sentinels.failPrimary();
			Duration promotion = Duration.ofNanos(System.nanoTime() - killed);
			Figures figures = load.finish(killedAt, killed);
			KeyOrdering ordering = KeyOrdering.of(ledger.records());
			ReliabilityReport.add("20e",
					"Sentinel, ordered consumers: the primary (of every partition) SIGKILLed under load, three"
							+ " sentinels promote its replica",
					figures,
					PARTITIONS + " partitions, " + KEYS + " keys, 3 ordered consumers; down-after 1 s; new primary"
							+ " (port " + promoted.port() + ") " + ReliabilityReport.format(promotion)
							+ " after the kill; " + load.producer.failures() + " adds failed and were retried");
			ReliabilityReport.addOrdering("20e", ordering, "every partition on the killed primary");
			assertThat(figures.lostByLibrary()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(3);
		}
	}

	@Test
	void orderedConsumersFollowTheMigrationOfAPartitionsSlot() throws Exception {
		try (RedisCluster cluster = RedisCluster.start();
				Ledger ledger = Ledger.create("s20f");
				Engines engines = new Engines(() -> new JedisCluster(cluster.nodes(), CLIENT),
						() -> new JedisCluster(cluster.nodes(), RedisEvents.blockingReadConfig(CLIENT), smallPool()))) {
			OrderedLoad load = OrderedLoad.start(engines, ledger, true);
			String moved = load.stream.partitions()
				.get(KeyedProducer.busiestPartition(KeyedProducer.keys(KEYS), PARTITIONS))
				.key();
			RedisEndpoint from = cluster.primaryFor(moved);
			RedisEndpoint to = cluster.primaries()
				.stream()
				.filter((primary) -> !primary.equals(from))
				.findFirst()
				.get();
			load.awaitSettledAndAdded(FAULT_AFTER);
			long movedAt = System.currentTimeMillis();
			long moving = System.nanoTime();
			int[] addedWhileMigrating = new int[1];
			cluster.moveSlotOf(moved, to, () -> {
				// let the load run against a slot that is migrating and importing
				int before = load.producer.added();
				await().atMost(Duration.ofSeconds(30)).until(() -> load.producer.added() >= before + 100);
				addedWhileMigrating[0] = load.producer.added() - before;
			});
			Duration move = Duration.ofNanos(System.nanoTime() - moving);
			assertThat(cluster.primaryFor(moved)).isEqualTo(to);
			Figures figures = load.finish(movedAt, moving);
			KeyOrdering ordering = KeyOrdering.of(ledger.records());
			ReliabilityReport.add("20f",
					"Redis Cluster, ordered consumers: the busiest partition's slot migrated to another primary"
							+ " under load (the steps of redis-cli --cluster reshard)",
					figures,
					PARTITIONS + " partitions, " + KEYS + " keys, 3 ordered consumers; slot of " + moved + " moved in "
							+ ReliabilityReport.format(move) + ", " + addedWhileMigrating[0]
							+ " adds while it was migrating; recovery = migration start to the first completion of"
							+ " an entry added after it; " + load.producer.failures() + " adds failed and were"
							+ " retried");
			ReliabilityReport.addOrdering("20f", ordering, "no write is lost in a migration");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(figures.alive()).isEqualTo(3);
			assertThat(ordering.violations()).as("order per key: %s", ordering.examples()).isZero();
		}
	}

	@Test
	void orderedConsumersKeepOrderWhileOneJoinsAndAnotherLeaves() throws Exception {
		try (RedisServer redis = RedisServer.start()) {
			HostAndPort address = new HostAndPort(redis.host(), redis.port());
			Supplier<UnifiedJedis> commands = () -> new JedisPooled(address, CLIENT);
			Supplier<UnifiedJedis> blocking = () -> new UnifiedJedis(address, RedisEvents.blockingReadConfig(CLIENT));
			KeyOrdering control;
			try (Ledger ledger = Ledger.create("s20g-unordered");
					Engines engines = new Engines(commands, blocking, "control")) {
				OrderedLoad load = joinAndLeave(engines, ledger, false);
				load.probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(60), load.producer::finished);
				control = KeyOrdering.of(ledger.records());
				load.stop();
			}
			try (Ledger ledger = Ledger.create("s20g"); Engines engines = new Engines(commands, blocking, STREAM)) {
				long start = System.nanoTime();
				OrderedLoad load = joinAndLeave(engines, ledger, true);
				Duration drain = load.probe.awaitDrain(start, Duration.ofSeconds(60), load.producer::finished);
				Figures figures = Figures.of(ledger, load.probe, null, drain, load.alive(), 2);
				KeyOrdering ordering = KeyOrdering.of(ledger.records());
				load.stop();
				ReliabilityReport.add("20g",
						"Ordered consumers, no fault: a third consumer joins under load, then one stops gracefully",
						figures, PARTITIONS + " partitions, " + KEYS
								+ " keys; partitions handed over twice; drain from the" + " start");
				ReliabilityReport.addOrdering("20g", ordering, "control, the same load with unordered consumers: "
						+ control.outOfOrder() + " out-of-order, " + control.overlaps() + " overlaps");
				assertThat(control.violations()).as("violations of unordered consumers: the measure can fail")
					.isPositive();
				assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
				assertThat(figures.pending()).isZero();
				assertThat(figures.alive()).isEqualTo(2);
				assertThat(ordering.violations()).as("order per key: %s", ordering.examples()).isZero();
			}
		}
	}

	/**
	 * Two consumers with a backlog, a third joining, then the first one stopping.
	 */
	private static OrderedLoad joinAndLeave(Engines engines, Ledger ledger, boolean ordered) throws Exception {
		OrderedLoad load = OrderedLoad.start(engines, ledger, ordered, 2);
		await().atMost(Duration.ofSeconds(60)).until(() -> load.producer.added() >= 700);
		load.addConsumer("c3");
		await().atMost(Duration.ofSeconds(60)).until(() -> load.producer.added() >= 1300);
		load.consumers.get(0).stop();
		await().atMost(Duration.ofSeconds(60)).until(load.producer::finished);
		return load;
	}

	private static ConnectionPoolConfig smallPool() {
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(2);
		return pool;
	}

	private static Set<String> keysOnPrimary(RedisCluster cluster, PartitionedStream stream, RedisEndpoint primary) {
		Set<String> keys = new HashSet<>();
		for (String key : KeyedProducer.keys(KEYS)) {
			if (primary.equals(cluster.primaryFor(stream.partitionFor(key).key()))) {
				keys.add(key);
			}
		}
		return keys;
	}

	private static List<LedgerRecord> recordsOf(Ledger ledger, Predicate<String> key) {
		return ledger.records()
			.stream()
			.filter((record) -> record.kind() == LedgerRecord.Kind.ADDED
					|| key.test(KeyedEntry.parseId(record.id()).key()))
			.toList();
	}

	/**
	 * Engines of one Redis deployment, one per consumer and one for the producer, each
	 * with a command client of its own; all closed at the end.
	 */
	private static final class Engines implements AutoCloseable {

		private final Supplier<UnifiedJedis> commands;

		private final Supplier<UnifiedJedis> blocking;

		private final String stream;

		private final List<AutoCloseable> resources = new ArrayList<>();

		Engines(Supplier<UnifiedJedis> commands, Supplier<UnifiedJedis> blocking) {
			this(commands, blocking, STREAM);
		}

		Engines(Supplier<UnifiedJedis> commands, Supplier<UnifiedJedis> blocking, String stream) {
			this.commands = commands;
			this.blocking = blocking;
			this.stream = stream;
		}

		synchronized RedisEvents create() {
			UnifiedJedis client = this.commands.get();
			RedisEvents events = RedisEvents.builder(client)
				.blockingClientFactory(this.blocking)
				.partitions(this.stream, PARTITIONS)
				.partitionKey(this.stream, KeyedEntry.KEY_POINTER)
				.build();
			this.resources.add(client);
			this.resources.add(events);
			return events;
		}

		@Override
		public synchronized void close() {
			for (int i = this.resources.size() - 1; i >= 0; i--) {
				try {
					this.resources.get(i).close();
				}
				catch (Exception ex) {
					// keep closing
				}
			}
		}

	}

	/**
	 * Ordered (or, as a control, unordered) consumers on engines of their own and a
	 * producer of keyed entries, recording in a ledger.
	 */
	private static final class OrderedLoad {

		private final Engines engines;

		private final Ledger ledger;

		private final boolean ordered;

		private final PartitionedStream stream;

		private final Producer producer;

		private final PartitionsProbe probe;

		private final List<StreamProcessor> consumers = new ArrayList<>();

		private OrderedLoad(Engines engines, Ledger ledger, boolean ordered) {
			this.engines = engines;
			this.ledger = ledger;
			this.ordered = ordered;
			RedisEvents events = engines.create();
			this.stream = events.partitionedStream(engines.stream);
			this.probe = new PartitionsProbe(events.client(), this.stream.partitions(), Scenario.GROUP);
			this.producer = KeyedProducer.start(this.stream, ledger.writer("producer"), KEYS, ENTRIES, PAUSE);
		}

		static OrderedLoad start(Engines engines, Ledger ledger, boolean ordered) throws InterruptedException {
			return start(engines, ledger, ordered, 3);
		}

		/**
		 * Start the producer, and the consumers once it has added a backlog.
		 */
		static OrderedLoad start(Engines engines, Ledger ledger, boolean ordered, int consumers)
				throws InterruptedException {
			OrderedLoad load = new OrderedLoad(engines, ledger, ordered);
			await().atMost(Duration.ofSeconds(60)).until(() -> load.producer.added() >= BACKLOG);
			for (int i = 1; i <= consumers; i++) {
				load.addConsumer("c" + i);
			}
			return load;
		}

		void addConsumer(String id) throws InterruptedException {
			RedisEvents events = this.engines.create();
			ProcessOptions<KeyedEntry> options = ProcessOptions.builder(KeyedEntry.class)
				.group(Scenario.GROUP)
				.consumerId(id)
				.startFrom(StartFrom.OLDEST)
				.lease(LEASE)
				.concurrency(2 * PARTITIONS)
				.backoff(Backoff.fixed(Duration.ofMillis(100)))
				.ordered(this.ordered)
				.build();
			StreamProcessor consumer = events.partitionedStream(this.engines.stream)
				.process(options, new RecordingHandler<>(this.ledger.writer(id), id, (item) -> WORK_MILLIS,
						(item) -> item.data().id()));
			this.consumers.add(consumer);
			consumer.awaitRunning(Duration.ofSeconds(30));
		}

		/**
		 * Wait until every partition has one owner and no consumer owns more than its
		 * share (the start-up hand-overs are over), and the producer has added
		 * {@code count} entries: the fault then strikes a steady state.
		 */
		void awaitSettledAndAdded(int count) {
			int share = (PARTITIONS + this.consumers.size() - 1) / this.consumers.size();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				Map<String, Integer> owners = new HashMap<>();
				for (StreamProcessor consumer : this.consumers) {
					Map<String, Boolean> owned = consumer.partitionOwnership();
					if (owned.values().stream().filter(Boolean::booleanValue).count() > share) {
						return false;
					}
					owned.forEach((partition, mine) -> owners.merge(partition, mine ? 1 : 0, Integer::sum));
				}
				return owners.size() == PARTITIONS && owners.values().stream().allMatch((n) -> n == 1)
						&& this.producer.added() >= count;
			});
		}

		int alive() {
			return (int) this.consumers.stream().filter((consumer) -> consumer.health().loopAlive()).count();
		}

		/**
		 * Wait for recovery and drain, then join the ledger with what Redis has.
		 */
		Figures finish(long faultMillis, long faultNanos) throws InterruptedException {
			@Nullable Duration recovery = awaitFirstCompletionAddedAfter(faultMillis, faultNanos);
			Duration drain = this.probe.awaitDrain(faultNanos, Duration.ofSeconds(90), this.producer::finished);
			Figures figures = Figures.of(this.ledger, this.probe, recovery, drain, alive(), this.consumers.size());
			stop();
			return figures;
		}

		void stop() throws InterruptedException {
			this.producer.close();
			this.consumers.forEach(StreamProcessor::stop);
		}

		/**
		 * The time from the fault to the first completion of an entry added after it, or
		 * {@code null} when the producer had finished before the fault (a slow start).
		 */
		private @Nullable Duration awaitFirstCompletionAddedAfter(long faultMillis, long faultNanos) {
			boolean[] addedAfterFault = { false };
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
				boolean finished = this.producer.finished();
				List<LedgerRecord> records = this.ledger.records();
				Set<String> addedAfter = new HashSet<>();
				for (LedgerRecord record : records) {
					if (record.kind() == LedgerRecord.Kind.ADDED && record.millis() >= faultMillis) {
						addedAfter.add(record.id());
					}
				}
				addedAfterFault[0] = !addedAfter.isEmpty();
				return (finished && addedAfter.isEmpty()) || records.stream()
					.anyMatch((record) -> record.kind() == LedgerRecord.Kind.DONE && addedAfter.contains(record.id()));
			});
			return addedAfterFault[0] ? Duration.ofNanos(System.nanoTime() - faultNanos) : null;
		}

	}

}
