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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.github.processredisevents.core.PartitionedStream;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.QueueHandler;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Ordered mode" figures of docs/scaling-out.md: what ordered-per-key processing
 * ({@link ProcessOptions#ordered()}) costs beside unordered processing of the same
 * partitioned stream, measured in one run on one Redis Cluster of three primaries with a
 * replica each: an idle consumer's connections and commands as partitions grow, how long
 * partitions take to change hands when a consumer joins, stops or is killed (with the
 * ledger checked for entries of one key running on two consumers at once), the drain rate
 * of a keyed backlog and latency at 2,000 entries/s. The two modes are taken in turn, so
 * that the load of the machine weighs on both alike. Not part of CI (the name does not
 * end in Tests); run with {@code ./mvnw -pl reliability-tests -am verify
 * -Dtest=OrderedScalingFigures -Dsurefire.failIfNoSpecifiedTests=false}. Writes
 * {@code target/ordered-scaling-figures.md}.
 */
class OrderedScalingFigures {

	private static final Path REPORT = Path.of("target", "ordered-scaling-figures.md");

	private static final String GROUP = "workers";

	private static final int PARTITIONS = 12;

	private static final int KEYS = 100;

	private static final int DRAIN_ENTRIES = 20_000;

	private static final int DRAIN_CONCURRENCY = 24;

	private static final Duration HAND_OVER_LEASE = Duration.ofSeconds(5);

	private static final long HAND_OVER_WORK_MILLIS = 2;

	/**
	 * Commands run inside the scripts an idle consumer runs: the membership beat
	 * ({@code TIME}, {@code ZADD}, {@code ZREMRANGEBYSCORE}, {@code PEXPIRE},
	 * {@code ZRANGE}) and the owner lease ({@code GET}, then {@code PEXPIRE} or
	 * {@code SET}).
	 */
	private static final Set<String> IN_SCRIPTS = Set.of("time", "zadd", "zremrangebyscore", "zrange", "zrem",
			"pexpire", "get", "set", "del");

	private static final JedisClientConfig CLIENT = DefaultJedisClientConfig.builder().build();

	private final StringBuilder report = new StringBuilder();

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void measure() throws Exception {
		this.report.append("Load average at the start: ").append(loadAverage()).append("\n\n");
		try (RedisCluster cluster = RedisCluster.start()) {
			idleConsumers(cluster);
			drains(cluster);
			latencies(cluster, 2000, Duration.ofSeconds(6));
			handOver(cluster);
		}
		this.report.append("Load average at the end: ").append(loadAverage()).append("\n");
		write();
	}

	// ---- idle consumers

	private void idleConsumers(RedisCluster cluster) throws Exception {
		this.report.append("## Idle consumers, ordered beside unordered (load ")
			.append(loadAverage())
			.append(")\n\n")
			.append("Per consumer; commands as Redis counts them (those run inside scripts included), then the")
			.append(" calls a client makes, in all and by kind (beats and renewals are EVALSHA).\n\n")
			.append("| partitions | consumers | mode | connections | commands/s | calls/s | XREADGROUP/s")
			.append(" | XAUTOCLAIM/s | member beats/s | owner-lease renewals/s | other calls/s |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (int partitions : new int[] { 1, 12, 48 }) {
			for (int consumers : new int[] { 1, 2 }) {
				for (boolean ordered : new boolean[] { false, true }) {
					idle(cluster, partitions, consumers, ordered);
				}
			}
		}
		this.report.append("\n");
		write();
	}

	private void idle(RedisCluster cluster, int partitions, int consumers, boolean ordered) throws Exception {
		String stream = name("idle-" + mode(ordered) + "-" + consumers, partitions);
		long connectionsBefore = connections(cluster);
		List<RedisEvents> engines = new ArrayList<>();
		List<StreamProcessor> processors = new ArrayList<>();
		for (int i = 0; i < consumers; i++) {
			RedisEvents events = engine(cluster, stream, partitions);
			engines.add(events);
			processors.add(events.partitionedStream(stream)
				.process(options(KeyedEntry.class, ordered, 12, ProcessOptions.DEFAULT_LEASE), (item) -> {
				}));
		}
		for (StreamProcessor processor : processors) {
			processor.awaitRunning(Duration.ofSeconds(60));
		}
		if (ordered) {
			int capacity = (partitions + consumers - 1) / consumers;
			await().atMost(Duration.ofSeconds(60))
				.until(() -> processors.stream().mapToLong(OrderedScalingFigures::owned).sum() == partitions
						&& processors.stream().allMatch((processor) -> owned(processor) <= capacity));
		}
		Thread.sleep(3000);
		long connections = connections(cluster) - connectionsBefore;
		Map<String, Long> before = commandStats(cluster);
		Duration window = Duration.ofSeconds(6);
		Thread.sleep(window.toMillis());
		Map<String, Long> delta = delta(before, commandStats(cluster));
		double seconds = window.toMillis() / 1000.0 * consumers;
		long all = delta.values().stream().mapToLong(Long::longValue).sum();
		long reads = delta.getOrDefault("xreadgroup", 0L);
		long reclaims = delta.getOrDefault("xautoclaim", 0L);
		long beats = delta.getOrDefault("zadd", 0L);
		long renewals = delta.getOrDefault("get", 0L);
		long inScripts = delta.entrySet()
			.stream()
			.filter((entry) -> IN_SCRIPTS.contains(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
		long other = all - inScripts - reads - reclaims - beats - renewals;
		this.report.append(
				String.format(Locale.ROOT, "| %d | %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
						partitions, consumers, ordered ? "ordered" : "unordered", connections / (double) consumers,
						all / seconds, (all - inScripts) / seconds, reads / seconds, reclaims / seconds,
						beats / seconds, renewals / seconds, other / seconds));
		this.report.append("<!-- ").append(stream).append(": ").append(new TreeMap<>(delta)).append(" -->\n");
		processors.forEach(StreamProcessor::stop);
		engines.forEach(OrderedScalingFigures::close);
		write();
	}

	private static long owned(StreamProcessor processor) {
		return processor.partitionOwnership().values().stream().filter(Boolean::booleanValue).count();
	}

	// ---- drain of a keyed backlog

	private void drains(RedisCluster cluster) throws Exception {
		List<DrainSetup> setups = new ArrayList<>();
		for (boolean cold : new boolean[] { true, false }) {
			setups.add(new DrainSetup(cold, 0, false, DRAIN_CONCURRENCY));
			setups.add(new DrainSetup(cold, 0, true, DRAIN_CONCURRENCY));
			setups.add(new DrainSetup(cold, 1, false, DRAIN_CONCURRENCY));
			setups.add(new DrainSetup(cold, 1, true, DRAIN_CONCURRENCY));
			setups.add(new DrainSetup(cold, 1, true, 2 * DRAIN_CONCURRENCY));
		}
		// warm up (not reported): the first drains of a JVM run slower
		drain(cluster, "drain-warm-u", new DrainSetup(true, 0, false, DRAIN_CONCURRENCY));
		drain(cluster, "drain-warm-o", new DrainSetup(true, 0, true, DRAIN_CONCURRENCY));
		String load = loadAverage();
		Map<DrainSetup, List<Drain>> runs = new LinkedHashMap<>();
		for (int run = 1; run <= 3; run++) {
			for (DrainSetup setup : setups) {
				Drain drain = drain(cluster, "drain-" + setup.name() + "-" + run, setup);
				runs.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(drain);
				this.report.append("<!-- run ")
					.append(run)
					.append(", ")
					.append(setup)
					.append(": ")
					.append(drain)
					.append(" -->\n");
			}
		}
		this.report.append("\n## Drain of ")
			.append(DRAIN_ENTRIES)
			.append(" keyed entries (")
			.append(KEYS)
			.append(" keys) over ")
			.append(PARTITIONS)
			.append(" partitions by 2 consumers, median of 3 taken in turn (load ")
			.append(load)
			.append(" -> ")
			.append(loadAverage())
			.append(")\n\n")
			.append("Cold: the consumers start on the backlog. Running: the consumers run (ordered ones share the")
			.append(" partitions 6 and 6) before the backlog is added; Redis CPU then includes the adds.\n\n")
			.append("| consumers | handler | mode | concurrency per consumer | drain | entries/s | ordered/unordered |")
			.append(" first entry after | Redis commands per entry | Redis CPU per entry | entries out of order |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		Map<String, Drain> unordered = new HashMap<>();
		for (DrainSetup setup : setups) {
			Drain drain = median(runs.get(setup));
			if (!setup.ordered()) {
				unordered.put(setup.cold() + " " + setup.workMillis(), drain);
			}
			this.report.append(
					String.format(Locale.ROOT,
							"| %s | %s | %s | %d | %.2f s | %.0f | %s | %.2f s | %.2f | %.1f µs | %d |%n",
							setup.cold() ? "cold" : "running",
							(setup.workMillis() == 0) ? "no-op" : setup.workMillis() + " ms sleep",
							setup.ordered() ? "ordered" : "unordered", setup.concurrency(), drain.seconds(),
							drain.rate(),
							setup.ordered()
									? String.format(Locale.ROOT, "%.2f",
											drain.rate()
													/ unordered.get(setup.cold() + " " + setup.workMillis()).rate())
									: "",
							drain.firstSeconds(), drain.commandsPerEntry(), drain.cpuMicrosPerEntry(),
							drain.outOfOrder()));
		}
		this.report.append("\n");
		write();
	}

	/**
	 * How a drain is run.
	 *
	 * @param cold whether the consumers start on the backlog
	 * @param workMillis how long the handler sleeps
	 * @param ordered whether the consumers are ordered
	 * @param concurrency the concurrency of each consumer
	 */
	record DrainSetup(boolean cold, long workMillis, boolean ordered, int concurrency) {

		String name() {
			return (this.cold ? "c" : "r") + "-" + mode(this.ordered) + "-" + this.workMillis + "-" + this.concurrency;
		}

	}

	/**
	 * Drain a backlog of keyed entries with two consumers: started on the backlog
	 * ({@code cold}), or running (and, when ordered, sharing the partitions) before the
	 * backlog is added in one go.
	 */
	private Drain drain(RedisCluster cluster, String stream, DrainSetup setup) throws Exception {
		long workMillis = setup.workMillis();
		RedisEvents producer = engine(cluster, stream, PARTITIONS);
		PartitionedStream logical = producer.partitionedStream(stream);
		AtomicLong handled = new AtomicLong();
		AtomicLong first = new AtomicLong();
		AtomicLong outOfOrder = new AtomicLong();
		Map<String, Long> highest = new ConcurrentHashMap<>();
		QueueHandler<KeyedEntry> handler = (item) -> {
			KeyedEntry entry = item.data();
			first.compareAndSet(0, System.nanoTime());
			if (highest.merge(entry.key(), entry.seq(), Math::max) > entry.seq()) {
				outOfOrder.incrementAndGet();
			}
			if (workMillis > 0) {
				Thread.sleep(workMillis);
			}
			handled.incrementAndGet();
		};
		List<RedisEvents> engines = new ArrayList<>();
		List<StreamProcessor> processors = new ArrayList<>();
		if (setup.cold()) {
			fill(logical);
		}
		long commandsBefore = processingCommands(cluster);
		double cpuBefore = cpu(cluster);
		long start = System.nanoTime();
		for (int i = 0; i < 2; i++) {
			RedisEvents events = engine(cluster, stream, PARTITIONS);
			engines.add(events);
			processors.add(events.partitionedStream(stream)
				.process(options(KeyedEntry.class, setup.ordered(), setup.concurrency(), ProcessOptions.DEFAULT_LEASE),
						handler));
		}
		if (!setup.cold()) {
			for (StreamProcessor processor : processors) {
				processor.awaitRunning(Duration.ofSeconds(60));
			}
			if (setup.ordered()) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> processors.stream().mapToLong(OrderedScalingFigures::owned).sum() == PARTITIONS
							&& processors.stream().allMatch((processor) -> owned(processor) == PARTITIONS / 2));
			}
			Thread.sleep(500);
			commandsBefore = processingCommands(cluster);
			cpuBefore = cpu(cluster);
			start = System.nanoTime();
			fill(logical);
		}
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> handled.get() >= DRAIN_ENTRIES);
		double seconds = (System.nanoTime() - start) / 1e9;
		long commands = processingCommands(cluster) - commandsBefore;
		double cpu = cpu(cluster) - cpuBefore;
		processors.forEach(StreamProcessor::stop);
		engines.forEach(OrderedScalingFigures::close);
		close(producer);
		return new Drain(seconds, DRAIN_ENTRIES / seconds, (first.get() - start) / 1e9,
				commands / (double) DRAIN_ENTRIES, cpu * 1_000_000 / DRAIN_ENTRIES, outOfOrder.get());
	}

	/**
	 * Add the backlog: entries of the keys in turn, in pipelines of 2,000.
	 */
	private static void fill(PartitionedStream logical) {
		List<String> keys = KeyedProducer.keys(KEYS);
		List<KeyedEntry> chunk = new ArrayList<>();
		for (int i = 0; i < DRAIN_ENTRIES; i++) {
			chunk.add(new KeyedEntry(keys.get(i % KEYS), i / KEYS));
			if (chunk.size() == 2000) {
				logical.addAll(chunk);
				chunk.clear();
			}
		}
	}

	/**
	 * Commands on every primary, without those that add entries.
	 */
	private static long processingCommands(RedisCluster cluster) {
		Map<String, Long> stats = commandStats(cluster);
		return stats.values().stream().mapToLong(Long::longValue).sum() - stats.getOrDefault("xadd", 0L);
	}

	private static Drain median(List<Drain> drains) {
		List<Drain> sorted = new ArrayList<>(drains);
		sorted.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
		return sorted.get(sorted.size() / 2);
	}

	/**
	 * One drain.
	 *
	 * @param seconds consumers started (cold) or the backlog's first add to the last
	 * entry handled
	 * @param rate entries per second
	 * @param firstSeconds the same start to the first entry handled
	 * @param commandsPerEntry Redis commands (on every primary, adds left out) per entry
	 * @param cpuMicrosPerEntry Redis CPU (every primary, user and system) per entry
	 * @param outOfOrder entries that started after a later entry of their key
	 */
	record Drain(double seconds, double rate, double firstSeconds, double commandsPerEntry, double cpuMicrosPerEntry,
			long outOfOrder) {

	}

	// ---- latency

	private void latencies(RedisCluster cluster, int rate, Duration duration) throws Exception {
		this.report.append("## Latency at ")
			.append(rate)
			.append(" entries/s over ")
			.append(PARTITIONS)
			.append(" partitions (add to handler start, one producer thread, one consumer; load ")
			.append(loadAverage())
			.append(")\n\n")
			.append("The run of median p99 of 3 taken in turn.\n\n")
			.append("| mode | achieved rate | p50 | p99 | max |\n|---|---|---|---|---|\n");
		Map<Boolean, List<long[]>> runs = new LinkedHashMap<>();
		for (int run = 1; run <= 3; run++) {
			for (boolean ordered : new boolean[] { false, true }) {
				long[] figures = latency(cluster, "latency-" + mode(ordered) + "-" + run, ordered, rate, duration);
				runs.computeIfAbsent(ordered, (key) -> new ArrayList<>()).add(figures);
				this.report
					.append(String.format(Locale.ROOT, "<!-- run %d, %s: %d/s, p50 %d ms, p99 %d ms, max %d ms -->%n",
							run, ordered ? "ordered" : "unordered", figures[0], figures[1], figures[2], figures[3]));
			}
		}
		for (boolean ordered : new boolean[] { false, true }) {
			List<long[]> sorted = new ArrayList<>(runs.get(ordered));
			sorted.sort((a, b) -> Long.compare(a[2], b[2]));
			long[] median = sorted.get(1);
			this.report.append(String.format(Locale.ROOT, "| %s | %d/s | %d ms | %d ms | %d ms |%n",
					ordered ? "ordered" : "unordered", median[0], median[1], median[2], median[3]));
		}
		this.report.append("\n");
		write();
	}

	/**
	 * Add entries at a rate and measure from add to handler start.
	 * @return the achieved rate, p50, p99 and max
	 */
	private long[] latency(RedisCluster cluster, String stream, boolean ordered, int rate, Duration duration)
			throws Exception {
		RedisEvents events = engine(cluster, stream, PARTITIONS);
		PartitionedStream logical = events.partitionedStream(stream);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		StreamProcessor processor = logical.process(options(Stamp.class, ordered, 12, ProcessOptions.DEFAULT_LEASE),
				(item) -> latencies.add(System.currentTimeMillis() - item.data().at()));
		processor.awaitRunning(Duration.ofSeconds(60));
		if (ordered) {
			await().atMost(Duration.ofSeconds(60)).until(() -> owned(processor) == PARTITIONS);
		}
		List<String> keys = KeyedProducer.keys(KEYS);
		long total = rate * duration.toSeconds();
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * 1_000_000_000L / rate;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			logical.add(new Stamp(keys.get((int) (i % KEYS)), System.currentTimeMillis()));
		}
		double achieved = total / ((System.nanoTime() - start) / 1e9);
		await().atMost(Duration.ofMinutes(2)).until(() -> latencies.size() >= total);
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		processor.stop();
		close(events);
		return new long[] { Math.round(achieved), sorted.get(sorted.size() / 2),
				sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1) };
	}

	/**
	 * A keyed entry stamped with when it was added.
	 *
	 * @param key the key
	 * @param at when it was added (epoch milliseconds)
	 */
	record Stamp(String key, long at) {

	}

	// ---- hand-over

	/**
	 * One ordered consumer in this JVM, under a steady keyed load; a second one (a JVM of
	 * its own) joins, then stops gracefully; a third joins, then is SIGKILLed.
	 */
	private void handOver(RedisCluster cluster) throws Exception {
		String stream = "handover";
		String load = loadAverage();
		try (Ledger ledger = Ledger.create("ordered-hand-over")) {
			RedisEvents producerEngine = engine(cluster, stream, PARTITIONS);
			PartitionedStream logical = producerEngine.partitionedStream(stream);
			List<String> ownerKeys = logical.partitions()
				.stream()
				.map((partition) -> producerEngine.keyPrefix() + "owner:" + partition.name() + ":" + GROUP)
				.toList();
			Producer producer = KeyedProducer.start(logical, ledger.writer("producer"), KEYS, Integer.MAX_VALUE,
					Duration.ofMillis(2));
			RedisEvents survivorEngine = engine(cluster, stream, PARTITIONS);
			StreamProcessor survivor = survivorEngine.partitionedStream(stream)
				.process(
						options(KeyedEntry.class, true, DRAIN_CONCURRENCY, HAND_OVER_LEASE).toBuilder()
							.consumerId("a")
							.build(),
						new RecordingHandler<>(ledger.writer("a"), "a", (item) -> HAND_OVER_WORK_MILLIS,
								(item) -> item.data().id()));
			survivor.awaitRunning(Duration.ofSeconds(60));
			awaitOwners(producerEngine, ownerKeys, (owners) -> count(owners, "a") == PARTITIONS);
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("nodes", cluster.nodesProperty());
			settings.put("stream", stream);
			settings.put("partitions", PARTITIONS);
			settings.put("group", GROUP);
			settings.put("ordered", true);
			settings.put("leaseMs", HAND_OVER_LEASE.toMillis());
			settings.put("concurrency", DRAIN_CONCURRENCY);
			settings.put("workMs", HAND_OVER_WORK_MILLIS);
			List<String> rows = new ArrayList<>();
			long exited;
			try (ConsumerProcess b = ConsumerProcess.start(ledger, "b", settings, OrderedChildConsumer.class)) {
				Set<Integer> moved = join(producerEngine, ownerKeys, ledger, b, rows);
				// apart from the join's hand-over
				Thread.sleep(3000);
				long stopped = System.currentTimeMillis();
				b.signal("TERM");
				rows.add(leave(producerEngine, ownerKeys, ledger, "b stops (SIGTERM: stop, release)", stopped, moved));
				b.awaitExit(Duration.ofSeconds(60));
			}
			try (ConsumerProcess c = ConsumerProcess.start(ledger, "c", settings, OrderedChildConsumer.class)) {
				Set<Integer> moved = join(producerEngine, ownerKeys, ledger, c, rows);
				Thread.sleep(3000);
				long killedAt = System.currentTimeMillis();
				c.signal("KILL");
				c.awaitExit(Duration.ofSeconds(10));
				exited = System.currentTimeMillis();
				rows.add(
						leave(producerEngine, ownerKeys, ledger, "c is killed (SIGKILL: no release)", killedAt, moved));
			}
			producer.close();
			Set<String> added = ids(ledger, LedgerRecord.Kind.ADDED);
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> ids(ledger, LedgerRecord.Kind.DONE).containsAll(added));
			survivor.stop();
			close(survivorEngine);
			close(producerEngine);
			KeyOrdering ordering = KeyOrdering.of(endRunsOfTheKilled(ledger.records(), "c", exited));
			this.report.append("## Hand-over, ordered, ")
				.append(PARTITIONS)
				.append(" partitions, ")
				.append(KEYS)
				.append(" keys, ")
				.append(producer.added())
				.append(" entries at ~")
				.append(Math.round(producer.added() / ((lastMillis(ledger) - firstMillis(ledger)) / 1000.0)))
				.append("/s, handler ")
				.append(HAND_OVER_WORK_MILLIS)
				.append(" ms, lease ")
				.append(HAND_OVER_LEASE.toSeconds())
				.append(" s (poll interval 1 s; load ")
				.append(load)
				.append(" -> ")
				.append(loadAverage())
				.append(")\n\n")
				.append("| event | partitions moved | until owners balanced / all on a | until entries flow on every")
				.append(" moved partition | longest gap between two completions on a moved partition |\n")
				.append("|---|---|---|---|---|\n");
			rows.forEach(this.report::append);
			this.report.append("\nLedger: ")
				.append(ordering.runs())
				.append(" handler runs of ")
				.append(ordering.keys())
				.append(" keys; ")
				.append(ordering.overlapsAcrossConsumers())
				.append(" runs of one key overlapping on two consumers, ")
				.append(ordering.overlaps())
				.append(" overlaps in all, ")
				.append(ordering.outOfOrder())
				.append(" out of order, ")
				.append(ordering.reruns())
				.append(" re-runs (")
				.append(ordering.rerunsAfterLater())
				.append(" after a later entry of the key)")
				.append(ordering.examples().isEmpty() ? "" : "; " + ordering.examples())
				.append("\n\n");
			write();
			assertThat(ordering.overlapsAcrossConsumers()).as("%s", ordering.examples()).isZero();
			assertThat(ordering.violations()).as("%s", ordering.examples()).isZero();
		}
	}

	/**
	 * Wait until a consumer that has just started shares the partitions evenly with
	 * {@code a} and handles entries on each of its partitions.
	 * @return the partitions it took over
	 */
	private Set<Integer> join(RedisEvents engine, List<String> ownerKeys, Ledger ledger, ConsumerProcess joiner,
			List<String> rows) throws Exception {
		String id = joiner.consumer();
		long joined = Long.parseLong(joiner.output()
			.lines()
			.filter((line) -> line.startsWith("READY "))
			.findFirst()
			.orElseThrow()
			.substring(6)
			.trim());
		Map<Integer, String> owners = awaitOwners(engine, ownerKeys,
				(seen) -> count(seen, "a") == PARTITIONS / 2 && count(seen, id) == PARTITIONS / 2);
		long balanced = System.currentTimeMillis();
		Set<Integer> moved = new HashSet<>();
		owners.forEach((partition, owner) -> {
			if (owner.equals(id)) {
				moved.add(partition);
			}
		});
		long flowing = awaitFlow(ledger, id, moved, joined);
		rows.add(String.format(Locale.ROOT, "| %s joins | %d | %.2f s | %.2f s | %.2f s |%n", id, moved.size(),
				(balanced - joined) / 1000.0, (flowing - joined) / 1000.0,
				longestGap(ledger, moved, joined, flowing) / 1000.0));
		return moved;
	}

	/**
	 * Wait until {@code a} owns every partition again and handles entries on those it
	 * took over.
	 * @return the row of the report
	 */
	private String leave(RedisEvents engine, List<String> ownerKeys, Ledger ledger, String event, long at,
			Set<Integer> moved) throws Exception {
		awaitOwners(engine, ownerKeys, (owners) -> count(owners, "a") == PARTITIONS);
		long owning = System.currentTimeMillis();
		long flowing = awaitFlow(ledger, "a", moved, at);
		return String.format(Locale.ROOT, "| %s | %d | %.2f s | %.2f s | %.2f s |%n", event, moved.size(),
				(owning - at) / 1000.0, (flowing - at) / 1000.0, longestGap(ledger, moved, at, flowing) / 1000.0);
	}

	private static Map<Integer, String> awaitOwners(RedisEvents engine, List<String> ownerKeys,
			Predicate<Map<Integer, String>> until) {
		Map<Integer, String> seen = new HashMap<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
			seen.clear();
			for (int i = 0; i < ownerKeys.size(); i++) {
				String owner = engine.client().get(ownerKeys.get(i));
				if (owner != null) {
					seen.put(i, owner);
				}
			}
			return until.test(seen);
		});
		return seen;
	}

	private static long count(Map<Integer, String> owners, String consumer) {
		return owners.values().stream().filter(consumer::equals).count();
	}

	/**
	 * Wait until {@code consumer} has completed an entry of each of the partitions since
	 * {@code since}.
	 * @return when the last of those partitions saw its first such completion
	 */
	private static long awaitFlow(Ledger ledger, String consumer, Set<Integer> partitions, long since) {
		long[] flowing = new long[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
			Map<Integer, Long> first = new HashMap<>();
			for (LedgerRecord record : ledger.records()) {
				if (record.kind() == LedgerRecord.Kind.DONE && record.consumer().equals(consumer)
						&& record.millis() >= since) {
					first.merge(partitionOf(record), record.millis(), Math::min);
				}
			}
			if (!first.keySet().containsAll(partitions)) {
				return false;
			}
			flowing[0] = partitions.stream().mapToLong(first::get).max().orElse(since);
			return true;
		});
		return flowing[0];
	}

	/**
	 * The longest time, in milliseconds, between two completions (by any consumer) of
	 * entries of one of the partitions, from the last completion before {@code from} to
	 * {@code to}.
	 */
	private static long longestGap(Ledger ledger, Set<Integer> partitions, long from, long to) {
		Map<Integer, List<Long>> times = new HashMap<>();
		Map<Integer, Long> lastBefore = new HashMap<>();
		for (LedgerRecord record : ledger.records()) {
			if (record.kind() != LedgerRecord.Kind.DONE || !partitions.contains(partitionOf(record))) {
				continue;
			}
			if (record.millis() < from) {
				lastBefore.merge(partitionOf(record), record.millis(), Math::max);
			}
			else if (record.millis() <= to) {
				times.computeIfAbsent(partitionOf(record), (partition) -> new ArrayList<>()).add(record.millis());
			}
		}
		lastBefore
			.forEach((partition, millis) -> times.computeIfAbsent(partition, (key) -> new ArrayList<>()).add(millis));
		long longest = 0;
		for (List<Long> each : times.values()) {
			Collections.sort(each);
			for (int i = 1; i < each.size(); i++) {
				longest = Math.max(longest, each.get(i) - each.get(i - 1));
			}
		}
		return longest;
	}

	private static int partitionOf(LedgerRecord record) {
		return PartitionedStream.partitionOf(KeyedEntry.parseId(record.id()).key(), PARTITIONS);
	}

	/**
	 * End each run of a killed consumer that the ledger leaves open when its process
	 * exited.
	 */
	private static List<LedgerRecord> endRunsOfTheKilled(List<LedgerRecord> records, String consumer, long exited) {
		Map<String, Integer> open = new HashMap<>();
		for (LedgerRecord record : records) {
			if (record.consumer().equals(consumer)) {
				int change = switch (record.kind()) {
					case STARTED -> 1;
					case DONE, ABANDONED -> -1;
					default -> 0;
				};
				open.merge(record.id(), change, Integer::sum);
			}
		}
		List<LedgerRecord> ended = new ArrayList<>(records);
		open.forEach((id, count) -> {
			for (int i = 0; i < count; i++) {
				ended.add(new LedgerRecord(LedgerRecord.Kind.ABANDONED, id, consumer, 0, exited));
			}
		});
		return ended;
	}

	private static Set<String> ids(Ledger ledger, LedgerRecord.Kind kind) {
		Set<String> ids = new HashSet<>();
		for (LedgerRecord record : ledger.records()) {
			if (record.kind() == kind) {
				ids.add(record.id());
			}
		}
		return ids;
	}

	private static long firstMillis(Ledger ledger) {
		return ledger.records().stream().mapToLong(LedgerRecord::millis).min().orElse(0);
	}

	private static long lastMillis(Ledger ledger) {
		return ledger.records()
			.stream()
			.filter((record) -> record.kind() == LedgerRecord.Kind.ADDED)
			.mapToLong(LedgerRecord::millis)
			.max()
			.orElse(1);
	}

	// ---- helpers

	private static RedisEvents engine(RedisCluster cluster, String stream, int partitions) {
		JedisCluster client = new JedisCluster(cluster.nodes(), CLIENT);
		return RedisEvents.builder(client)
			.blockingClientFactory(() -> new JedisCluster(cluster.nodes(), RedisEvents.blockingReadConfig(CLIENT)))
			.partitions(stream, partitions)
			.partitionKey(stream, KeyedEntry.KEY_POINTER)
			.build();
	}

	private static void close(RedisEvents events) {
		events.close();
		events.client().close();
	}

	private static <T> ProcessOptions<T> options(Class<T> type, boolean ordered, int concurrency, Duration lease) {
		return ProcessOptions.builder(type)
			.group(GROUP)
			.startFrom(StartFrom.OLDEST)
			.concurrency(concurrency)
			.lease(lease)
			.ordered(ordered)
			.build();
	}

	private static String mode(boolean ordered) {
		return ordered ? "o" : "u";
	}

	/**
	 * A stream of one partition keeps its keys in one slot with a hash tag; one of
	 * several gets a tag per partition.
	 */
	private static String name(String base, int partitions) {
		return (partitions == 1) ? "{" + base + "}" : base + "-" + partitions;
	}

	/**
	 * Calls per command, summed over the primaries, without the commands of this class,
	 * of cluster clients finding the topology and of replicas acknowledging replication.
	 */
	private static Map<String, Long> commandStats(RedisCluster cluster) {
		Map<String, Long> calls = new HashMap<>();
		for (RedisEndpoint primary : cluster.primaries()) {
			for (String line : cluster.command(primary, (jedis) -> jedis.info("commandstats")).split("\r?\n")) {
				if (line.startsWith("cmdstat_")) {
					String command = line.substring("cmdstat_".length(), line.indexOf(':'));
					if (command.equals("info") || command.startsWith("config") || command.startsWith("cluster")
							|| command.equals("ping") || command.equals("replconf")) {
						continue;
					}
					int at = line.indexOf("calls=");
					calls.merge(command, Long.parseLong(line.substring(at + 6, line.indexOf(',', at))), Long::sum);
				}
			}
		}
		return calls;
	}

	private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> delta = new HashMap<>();
		after.forEach((command, calls) -> {
			long change = calls - before.getOrDefault(command, 0L);
			if (change != 0) {
				delta.put(command, change);
			}
		});
		return delta;
	}

	private static double cpu(RedisCluster cluster) {
		double total = 0;
		for (RedisEndpoint primary : cluster.primaries()) {
			String info = cluster.command(primary, (jedis) -> jedis.info("cpu"));
			total += field(info, "used_cpu_user") + field(info, "used_cpu_sys");
		}
		return total;
	}

	private static long connections(RedisCluster cluster) {
		long total = 0;
		for (RedisEndpoint node : cluster.primaries()) {
			total += (long) field(cluster.command(node, (jedis) -> jedis.info("clients")), "connected_clients") - 1;
		}
		return total;
	}

	private static double field(String info, String name) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(name + ":")) {
				return Double.parseDouble(line.substring(name.length() + 1).trim());
			}
		}
		throw new IllegalStateException("No " + name + " in " + info);
	}

	private static String loadAverage() throws IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private void write() throws IOException {
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, this.report.toString());
	}

}
