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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ordered processing per key with several consumers (each an engine of its own, as in
 * separate processes) sharing the partitions of one stream: order within a key, keys that
 * run at once, failures that block their key only, hand-over when consumers join, stop or
 * die.
 */
@ExtendWith(RealRedis.class)
class OrderedProcessingIntegrationTests {

	static final Duration WAIT = Duration.ofSeconds(60);

	static final int PARTITIONS = 6;

	private final List<RedisEvents> engines = new ArrayList<>();

	private final List<UnifiedJedis> clients = new ArrayList<>();

	private RedisEndpoint redis;

	String name;

	final Journal journal = new Journal();

	/**
	 * A payload with its key and its place among the entries of its key.
	 */
	record Event(String key, int seq) {
	}

	@BeforeEach
	void name(RedisEndpoint redis) {
		this.redis = redis;
		this.name = RealRedis.uniqueName("ordered");
	}

	@AfterEach
	void close() {
		for (RedisEvents events : this.engines) {
			try {
				events.close();
			}
			catch (RuntimeException ex) {
				// a client closed by the test
			}
		}
		for (UnifiedJedis client : this.clients) {
			client.close();
		}
	}

	/**
	 * A client for one engine; the cluster variant connects to a cluster.
	 */
	UnifiedJedis newClient() {
		return new JedisPooled(this.redis.hostAndPort());
	}

	/**
	 * An engine, standing for one process of the application.
	 */
	RedisEvents engine() {
		UnifiedJedis client = newClient();
		this.clients.add(client);
		RedisEvents events = RedisEvents.builder(client)
			.partitions(this.name, PARTITIONS)
			.partitionKey(this.name, "/key")
			.keepAlive(false)
			.build();
		this.engines.add(events);
		return events;
	}

	static ProcessOptions.Builder<Event> options(String consumer) {
		return ProcessOptions.builder(Event.class)
			.group("billing")
			.consumerId(consumer)
			.ordered(true)
			.startFrom(StartFrom.OLDEST)
			.concurrency(12)
			.lease(Duration.ofSeconds(2))
			.backoff(Backoff.fixed(Duration.ofMillis(50)))
			.shutdownTimeout(Duration.ofSeconds(10));
	}

	StreamProcessor consumer(String consumer, QueueHandler<Event> handler) {
		return consumer(options(consumer).build(), handler);
	}

	StreamProcessor consumer(ProcessOptions<Event> options, QueueHandler<Event> handler) {
		return engine().partitionedStream(this.name).process(options, handler);
	}

	/**
	 * A handler that journals each entry and takes a little while.
	 */
	QueueHandler<Event> journaled(String consumer) {
		return (item) -> {
			this.journal.attempts(item.attempts());
			this.journal.started(consumer, item.data());
			try {
				Thread.sleep(2);
			}
			finally {
				this.journal.ended(item.data());
			}
		};
	}

	static List<Event> events(List<String> keys, int from, int to) {
		List<Event> events = new ArrayList<>();
		for (int seq = from; seq < to; seq++) {
			for (String key : keys) {
				events.add(new Event(key, seq));
			}
		}
		return events;
	}

	static List<String> keys(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "customer-" + i).toList();
	}

	/**
	 * Keys that all belong to one partition.
	 */
	static List<String> keysOfOnePartition(int count) {
		int partition = PartitionedStream.partitionOf("customer-0", PARTITIONS);
		return IntStream.range(0, 1000)
			.mapToObj((i) -> "customer-" + i)
			.filter((key) -> PartitionedStream.partitionOf(key, PARTITIONS) == partition)
			.limit(count)
			.toList();
	}

	/**
	 * Let a consumer die without giving anything back: standalone, its client closes
	 * under it.
	 */
	void kill(int engine, StreamProcessor processor) {
		this.clients.get(engine).close();
	}

	Map<String, Boolean> owned(StreamProcessor... processors) {
		Map<String, Boolean> owned = new HashMap<>();
		for (StreamProcessor processor : processors) {
			processor.partitionOwnership()
				.forEach((partition, mine) -> owned.merge(partition, mine, Boolean::logicalOr));
		}
		return owned;
	}

	static long ownedBy(StreamProcessor processor) {
		return processor.partitionOwnership().values().stream().filter(Boolean::booleanValue).count();
	}

	@Test
	void entriesOfOneKeyAreHandledInOrderByThreeConsumersWhileKeysOverlap() {
		StreamProcessor a = consumer("a", journaled("a"));
		StreamProcessor b = consumer("b", journaled("b"));
		StreamProcessor c = consumer("c", journaled("c"));
		await().atMost(WAIT).until(() -> ownedBy(a) == 2 && ownedBy(b) == 2 && ownedBy(c) == 2);
		List<String> keys = keys(24);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.addAll(events(keys, 0, 20));
		await().atMost(WAIT).until(() -> this.journal.handled() == 24 * 20);
		this.journal.assertEachKeyInOrder(keys, 20, false);
		assertThat(this.journal.violations()).isEmpty();
		assertThat(this.journal.maxConcurrent()).as("entries of different keys at once").isGreaterThan(1);
		assertThat(this.journal.consumers()).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(owned(a, b, c)).hasSize(PARTITIONS).doesNotContainValue(false);
		assertThat(a.partitionOwnership()).containsKeys("{" + this.name + ":0}", "{" + this.name + ":5}");
	}

	@Test
	void aFailingEntryBlocksOnlyItsKeyUntilItSucceeds() {
		List<String> keys = keysOfOnePartition(4);
		String failing = keys.get(0);
		CountDownLatch othersDone = new CountDownLatch(3 * 5);
		AtomicInteger failures = new AtomicInteger();
		StreamProcessor processor = consumer("a", (item) -> {
			Event event = item.data();
			if (event.key().equals(failing) && event.seq() == 0
					&& (item.attempts() == 0 || othersDone.getCount() > 0)) {
				failures.incrementAndGet();
				throw new IllegalStateException("not yet");
			}
			this.journal.started("a", event);
			this.journal.ended(event);
			if (!event.key().equals(failing)) {
				othersDone.countDown();
			}
		});
		await().atMost(WAIT).until(() -> ownedBy(processor) == PARTITIONS);
		engine().partitionedStream(this.name).addAll(events(keys, 0, 5));
		await().atMost(WAIT).until(() -> this.journal.handled() == 4 * 5);
		assertThat(failures.get()).isPositive();
		this.journal.assertEachKeyInOrder(keys, 5, false);
		// the other keys of the partition went on while the failing key waited
		assertThat(this.journal.order().indexOf(failing + "#0")).isGreaterThanOrEqualTo(3 * 5);
	}

	@Test
	void afterDeadLetteringTheNextEntryOfTheKeyRuns() {
		List<String> keys = keysOfOnePartition(2);
		String failing = keys.get(0);
		StreamProcessor processor = consumer(options("a").maxAttempts(2).build(), (item) -> {
			if (item.data().key().equals(failing) && item.data().seq() == 1) {
				throw new IllegalStateException("never");
			}
			this.journal.started("a", item.data());
			this.journal.ended(item.data());
		});
		await().atMost(WAIT).until(() -> ownedBy(processor) == PARTITIONS);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.addAll(events(keys, 0, 4));
		await().atMost(WAIT).until(() -> this.journal.handled() == 2 * 4 - 1);
		assertThat(this.journal.started(failing)).containsExactly(0, 2, 3);
		assertThat(this.journal.started(keys.get(1))).containsExactly(0, 1, 2, 3);
		RedisEventStream partition = stream.partitionFor(failing);
		assertThat(partition.deadLetters(10)).singleElement()
			.satisfies((letter) -> assertThat(letter.payload()).asString().contains("seq=1"));
	}

	@Test
	void aKeyMovesOnWhenItsFailedEntryWillNotComeBack() {
		List<String> keys = keysOfOnePartition(1);
		ProcessOptions<Event> options = options("a").lease(Duration.ofSeconds(1))
			.backoff(Backoff.fixed(Duration.ofSeconds(2)))
			.build();
		StreamProcessor processor = consumer(options, (item) -> {
			if (item.data().seq() == 0) {
				throw new IllegalStateException("fails, then is acknowledged by someone else");
			}
			this.journal.started("a", item.data());
			this.journal.ended(item.data());
		});
		await().atMost(WAIT).until(() -> ownedBy(processor) == PARTITIONS);
		PartitionedStream stream = engine().partitionedStream(this.name);
		List<String> ids = stream.addAll(events(keys, 0, 3));
		await().atMost(WAIT).until(() -> processor.stats().retried() == 1);
		this.clients.get(1)
			.xack(stream.partitionFor(keys.get(0)).key(), "billing", new redis.clients.jedis.StreamEntryID(ids.get(0)));
		await().atMost(WAIT).until(() -> this.journal.handled() == 2);
		assertThat(this.journal.started(keys.get(0))).containsExactly(1, 2);
	}

	@Test
	void aPartitionStopsReadingWhileTheBoundOfWaitingEntriesIsReached() {
		List<String> keys = keysOfOnePartition(2);
		CountDownLatch blocked = new CountDownLatch(1);
		ProcessOptions<Event> options = options("a").batchSize(1).build();
		StreamProcessor processor = consumer(options, (item) -> {
			if (item.data().key().equals(keys.get(0)) && item.data().seq() == 0) {
				blocked.await();
			}
			this.journal.started("a", item.data());
			this.journal.ended(item.data());
		});
		await().atMost(WAIT).until(() -> ownedBy(processor) == PARTITIONS);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.addAll(events(keys.subList(0, 1), 0, 150));
		stream.add(new Event(keys.get(1), 0));
		int bound = OrderedStreamProcessor.parkLimit(options);
		await().atMost(WAIT).until(() -> processor.stats().inFlight() == 1 + bound);
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> processor.stats().inFlight() == 1 + bound);
		assertThat(this.journal.handled()).isZero();
		blocked.countDown();
		await().atMost(WAIT).until(() -> this.journal.handled() == 151);
		this.journal.assertEachKeyInOrder(keys.subList(0, 1), 150, false);
	}

	@Test
	void entriesWaitingBehindABlockedKeyKeepTheirLeases() {
		List<String> keys = keysOfOnePartition(1);
		AtomicBoolean slow = new AtomicBoolean(true);
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		StreamProcessor processor = consumer(options("a").lease(Duration.ofMillis(400)).build(), (item) -> {
			if (item.data().seq() == 0) {
				await().atMost(WAIT).until(() -> !slow.get());
			}
			attempts.add(item.attempts());
			this.journal.started("a", item.data());
			this.journal.ended(item.data());
		});
		await().atMost(WAIT).until(() -> ownedBy(processor) == PARTITIONS);
		engine().partitionedStream(this.name).addAll(events(keys, 0, 5));
		await().atMost(WAIT).until(() -> processor.stats().inFlight() == 5);
		// several leases pass while four entries wait behind the first
		Set<String> renewedAt = ConcurrentHashMap.newKeySet();
		await().atMost(WAIT).until(() -> {
			renewedAt.add(Long.toString(System.nanoTime() / 400_000_000L));
			return renewedAt.size() >= 4;
		});
		slow.set(false);
		await().atMost(WAIT).until(() -> this.journal.handled() == 5);
		this.journal.assertEachKeyInOrder(keys, 5, false);
		assertThat(attempts).containsOnly(0);
	}

	@Test
	void aJoiningConsumerTakesPartitionsCooperativelyWithoutBreakingTheOrder() {
		StreamProcessor a = consumer("a", journaled("a"));
		await().atMost(WAIT).until(() -> ownedBy(a) == PARTITIONS);
		List<String> keys = keys(24);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.addAll(events(keys, 0, 10));
		await().atMost(WAIT).until(() -> this.journal.handled() >= 24 * 2);
		StreamProcessor b = consumer("b", journaled("b"));
		stream.addAll(events(keys, 10, 20));
		await().atMost(WAIT).until(() -> ownedBy(a) == 3 && ownedBy(b) == 3);
		stream.addAll(events(keys, 20, 30));
		await().atMost(WAIT).until(() -> this.journal.handled() == 24 * 30);
		this.journal.assertEachKeyInOrder(keys, 30, false);
		assertThat(this.journal.violations()).isEmpty();
		assertThat(this.journal.consumers()).contains("a", "b");
		assertThat(this.journal.maxAttempts()).as("entries handed over keep their delivery counts").isZero();
	}

	@Test
	void aConsumerThatStopsHandsItsPartitionsOverAtOnce() {
		// a lease far longer than the wait: only a release lets the other take over
		ProcessOptions.Builder<Event> longLease = options("a").lease(Duration.ofMinutes(5));
		StreamProcessor a = consumer(longLease.build(), journaled("a"));
		StreamProcessor b = consumer(longLease.consumerId("b").build(), journaled("b"));
		await().atMost(WAIT).until(() -> ownedBy(a) == 3 && ownedBy(b) == 3);
		List<String> keys = keys(24);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.addAll(events(keys, 0, 10));
		await().atMost(WAIT).until(() -> this.journal.handled() >= 24 * 3);
		b.stop();
		assertThat(b.partitionOwnership()).doesNotContainValue(true);
		await().atMost(Duration.ofSeconds(30)).until(() -> ownedBy(a) == PARTITIONS);
		stream.addAll(events(keys, 10, 15));
		await().atMost(WAIT).until(() -> this.journal.handled() == 24 * 15);
		this.journal.assertEachKeyInOrder(keys, 15, false);
		assertThat(this.journal.violations()).isEmpty();
		assertThat(this.journal.maxAttempts()).as("entries handed over keep their delivery counts").isZero();
	}

	@Test
	void partitionsStoppedOneByOneAreGivenUpToo() {
		ProcessOptions.Builder<Event> longLease = options("a").lease(Duration.ofMinutes(5));
		StreamProcessor a = consumer(longLease.build(), journaled("a"));
		RedisEvents engineOfB = engine();
		StreamProcessor b = engineOfB.partitionedStream(this.name)
			.process(longLease.consumerId("b").build(), journaled("b"));
		await().atMost(WAIT).until(() -> ownedBy(a) == 3 && ownedBy(b) == 3);
		engineOfB.processors().forEach(StreamProcessor::stop);
		await().atMost(Duration.ofSeconds(30)).until(() -> ownedBy(a) == PARTITIONS);
		await().atMost(WAIT).until(() -> ownedBy(b) == 0);
	}

	@Test
	void aDeadConsumersPartitionsAndPendingEntriesAreTakenOverInOrderAfterTheLease() {
		List<String> keys = keysOfOnePartition(1);
		String key = keys.get(0);
		CountDownLatch hang = new CountDownLatch(1);
		StreamProcessor a = consumer("a", (item) -> {
			this.journal.started("a", item.data());
			if (item.data().seq() == 2) {
				hang.await();
			}
			this.journal.ended(item.data());
		});
		await().atMost(WAIT).until(() -> ownedBy(a) == PARTITIONS);
		Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
		StreamProcessor b = consumer("b", (item) -> {
			attempts.put(item.data().seq(), item.attempts());
			this.journal.started("b", item.data());
			this.journal.ended(item.data());
		});
		PartitionedStream stream = engine().partitionedStream(this.name);
		String partition = stream.partitionFor(key).name();
		await().atMost(WAIT).until(() -> ownedBy(b) == 3 && ownedBy(a) == 3);
		await().atMost(WAIT)
			.until(() -> !a.partitionOwnership().get(partition) || !b.partitionOwnership().get(partition));
		StreamProcessor owner = a.partitionOwnership().get(partition) ? a : b;
		StreamProcessor other = (owner == a) ? b : a;
		if (owner == b) {
			// make a own the key's partition: stop b, start it again once a owns
			// everything
			b.stop();
			await().atMost(WAIT).until(() -> ownedBy(a) == PARTITIONS);
			other = consumer("b2", (item) -> {
				attempts.put(item.data().seq(), item.attempts());
				this.journal.started("b2", item.data());
				this.journal.ended(item.data());
			});
		}
		StreamProcessor survivor = other;
		List<String> ids = stream.addAll(events(keys, 0, 6));
		await().atMost(WAIT).until(() -> this.journal.started(key).contains(2));
		// entry 1's acknowledgement has reached Redis (sent in the background)
		await().atMost(WAIT)
			.until(() -> stream.partitionFor(key)
				.pendingEntries("billing", 100)
				.stream()
				.noneMatch((entry) -> entry.id().equals(ids.get(1))));
		// a dies: its handler hangs, its partitions and entries stay in Redis as its own
		kill(0, a);
		await().atMost(WAIT).until(() -> ownedBy(survivor) == PARTITIONS);
		await().atMost(WAIT).until(() -> this.journal.handled(key) == 6);
		assertThat(this.journal.started(key)).containsExactly(0, 1, 2, 2, 3, 4, 5);
		// the dead consumer's handler of entry 2 still runs: it outlived its lease
		assertThat(this.journal.concurrentSameKey()).isEqualTo(4);
		assertThat(attempts.get(2)).as("the take-over counted a delivery").isEqualTo(1);
		hang.countDown();
	}

	@Test
	void aConsumerWhoseRenewalsStallStopsStartingEntriesBeforeAnotherConsumerTakesItsPartitionsOver() throws Exception {
		List<String> starts = new CopyOnWriteArrayList<>();
		StreamProcessor a = consumer("a", slowJournaled("a", starts));
		await().atMost(WAIT).until(() -> ownedBy(a) == PARTITIONS);
		StreamProcessor b = consumer("b", slowJournaled("b", starts));
		await().atMost(WAIT).until(() -> ownedBy(a) == 3 && ownedBy(b) == 3);
		PartitionedStream stream = engine().partitionedStream(this.name);
		List<String> keys = keys(24);
		int count = 150;
		AtomicBoolean adding = new AtomicBoolean(true);
		Thread load = new Thread(() -> {
			for (int seq = 0; seq < count && adding.get(); seq++) {
				stream.addAll(events(keys, seq, seq + 1));
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		load.start();
		try {
			await().atMost(WAIT).until(() -> this.journal.handled() > keys.size() * 10);
			// a's ownership thread blocks, as in a call to a dead cluster primary; its
			// fetch loops and workers go on
			((OrderedStreamProcessor) a).stall();
			await().atMost(WAIT).until(() -> ownedBy(b) == PARTITIONS);
			load.join();
			await().atMost(WAIT)
				.until(() -> keys.stream()
					.allMatch((key) -> this.journal.started(key)
						.containsAll(IntStream.range(0, count).boxed().toList())));
		}
		finally {
			adding.set(false);
			load.join();
			((OrderedStreamProcessor) a).unstall();
		}
		assertThat(this.journal.violations()).isEmpty();
		this.journal.assertEachKeyInOrder(keys, count, true);
		// once b started a key, a started none of its entries again
		Set<String> takenOver = ConcurrentHashMap.newKeySet();
		List<String> afterTakeOver = new ArrayList<>();
		for (String start : starts) {
			String[] consumerAndKey = start.split(" ");
			if (consumerAndKey[0].equals("b")) {
				takenOver.add(consumerAndKey[1]);
			}
			else if (takenOver.contains(consumerAndKey[1])) {
				afterTakeOver.add(start);
			}
		}
		assertThat(afterTakeOver).isEmpty();
		assertThat(takenOver).hasSize(keys.size());
	}

	/**
	 * A handler that journals each entry, records who started it, and takes a while.
	 */
	QueueHandler<Event> slowJournaled(String consumer, List<String> starts) {
		return (item) -> {
			this.journal.started(consumer, item.data());
			starts.add(consumer + " " + item.data().key() + " " + item.data().seq());
			try {
				Thread.sleep(20);
			}
			finally {
				this.journal.ended(item.data());
			}
		};
	}

	@Test
	void entriesWithoutAKeyAreHandledUnordered() {
		List<Integer> handled = new CopyOnWriteArrayList<>();
		StreamProcessor processor = consumer("a", (item) -> handled.add(item.data().seq()));
		await().atMost(WAIT).until(() -> ownedBy(processor) == PARTITIONS);
		PartitionedStream stream = engine().partitionedStream(this.name);
		stream.partitions().get(0).addJson("{\"seq\":1}");
		stream.partitions().get(0).addJson("{\"key\":null,\"seq\":2}");
		stream.add(new Event("k", 3));
		await().atMost(WAIT).until(() -> handled.size() == 3);
		assertThat(handled).containsExactlyInAnyOrder(1, 2, 3);
	}

	/**
	 * What the handlers did, and what would break ordering.
	 */
	static final class Journal {

		private final Map<String, List<Integer>> started = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

		private final List<String> order = new CopyOnWriteArrayList<>();

		private final Set<String> consumers = ConcurrentHashMap.newKeySet();

		private final List<String> violations = new CopyOnWriteArrayList<>();

		private final AtomicInteger concurrent = new AtomicInteger();

		private final AtomicInteger maxConcurrent = new AtomicInteger();

		private final AtomicInteger concurrentSameKey = new AtomicInteger();

		private final AtomicInteger handled = new AtomicInteger();

		private final AtomicInteger maxAttempts = new AtomicInteger();

		private final Map<String, AtomicInteger> handledPerKey = new ConcurrentHashMap<>();

		void attempts(int attempts) {
			this.maxAttempts.accumulateAndGet(attempts, Math::max);
		}

		int maxAttempts() {
			return this.maxAttempts.get();
		}

		void started(String consumer, Event event) {
			this.consumers.add(consumer);
			this.order.add(event.key() + "#" + event.seq());
			List<Integer> seqs = this.started.computeIfAbsent(event.key(), (key) -> new CopyOnWriteArrayList<>());
			if (!seqs.isEmpty() && seqs.get(seqs.size() - 1) > event.seq()) {
				this.violations.add(event + " after " + seqs);
			}
			seqs.add(event.seq());
			if (this.running.computeIfAbsent(event.key(), (key) -> new AtomicInteger()).incrementAndGet() > 1) {
				this.concurrentSameKey.incrementAndGet();
				this.violations.add(event + " while another entry of its key ran");
			}
			this.maxConcurrent.accumulateAndGet(this.concurrent.incrementAndGet(), Math::max);
		}

		void ended(Event event) {
			this.concurrent.decrementAndGet();
			this.running.get(event.key()).decrementAndGet();
			this.handled.incrementAndGet();
			this.handledPerKey.computeIfAbsent(event.key(), (key) -> new AtomicInteger()).incrementAndGet();
		}

		int handled() {
			return this.handled.get();
		}

		int handled(String key) {
			AtomicInteger count = this.handledPerKey.get(key);
			return (count != null) ? count.get() : 0;
		}

		List<Integer> started(String key) {
			return this.started.getOrDefault(key, List.of());
		}

		List<String> order() {
			return this.order;
		}

		Set<String> consumers() {
			return this.consumers;
		}

		List<String> violations() {
			return this.violations;
		}

		int maxConcurrent() {
			return this.maxConcurrent.get();
		}

		int concurrentSameKey() {
			return this.concurrentSameKey.get();
		}

		void assertEachKeyInOrder(List<String> keys, int count, boolean allowRepeats) {
			List<Integer> expected = IntStream.range(0, count).boxed().toList();
			for (String key : keys) {
				List<Integer> seqs = started(key);
				if (allowRepeats) {
					assertThat(seqs).as(key).isSorted().containsAll(expected);
				}
				else {
					assertThat(seqs).as(key).containsExactlyElementsOf(expected);
				}
			}
		}

	}

}
