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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.processredisevents.core.PartitionedStream;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

import static org.awaitility.Awaitility.await;

/**
 * The figures of docs/scaling-out.md, measured on one Redis Cluster of three primaries
 * with a replica each: how one logical stream's commands spread over the primaries, Redis
 * CPU per message, the consumer's connections and idle commands as partitions grow, and
 * latency at 2,000 entries/s. Not part of CI (the name does not end in Tests); run with
 * {@code ./mvnw -pl reliability-tests -am verify -Dtest=ScalingFigures
 * -Dsurefire.failIfNoSpecifiedTests=false}. Writes {@code target/scaling-figures.md}.
 */
class ScalingFigures {

	private static final Path REPORT = Path.of("target", "scaling-figures.md");

	private final StringBuilder report = new StringBuilder();

	@Test
	void measure() throws Exception {
		try (RedisCluster cluster = RedisCluster.start()) {
			spread(cluster, 12, 12_000);
			for (int partitions : new int[] { 1, 12, 48 }) {
				idle(cluster, partitions);
			}
			for (int partitions : new int[] { 1, 12 }) {
				latency(cluster, partitions, 2000, Duration.ofSeconds(6));
			}
		}
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, this.report.toString());
	}

	private RedisEvents engine(RedisCluster cluster, String stream, int partitions) {
		JedisCluster client = new JedisCluster(cluster.nodes(), DefaultJedisClientConfig.builder().build());
		return RedisEvents.builder(client)
			.blockingClientFactory(() -> new JedisCluster(cluster.nodes(),
					RedisEvents.blockingReadConfig(DefaultJedisClientConfig.builder().build())))
			.partitions(stream, partitions)
			.build();
	}

	private static ProcessOptions<String> options() {
		return ProcessOptions.builder(String.class)
			.group("workers")
			.startFrom(StartFrom.OLDEST)
			.concurrency(12)
			.build();
	}

	private void spread(RedisCluster cluster, int partitions, int entries) throws Exception {
		String stream = "spread";
		RedisEvents events = engine(cluster, stream, partitions);
		PartitionedStream logical = events.partitionedStream(stream);
		Map<RedisEndpoint, Integer> partitionsPerPrimary = new LinkedHashMap<>();
		logical.partitions()
			.forEach((partition) -> partitionsPerPrimary.merge(cluster.primaryFor(partition.key()), 1, Integer::sum));
		AtomicLong handled = new AtomicLong();
		StreamProcessor processor = logical.process(options(), (item) -> handled.incrementAndGet());
		processor.awaitRunning(Duration.ofSeconds(30));
		for (RedisEndpoint primary : cluster.primaries()) {
			cluster.command(primary, (jedis) -> jedis.configResetStat());
		}
		Map<RedisEndpoint, double[]> before = cpu(cluster);
		List<String> payloads = new ArrayList<>(Collections.nCopies(100, "x"));
		for (int i = 0; i < entries / 100; i++) {
			logical.addAll(payloads);
		}
		await().atMost(Duration.ofMinutes(3)).until(() -> handled.get() >= entries);
		Map<RedisEndpoint, double[]> after = cpu(cluster);
		Map<RedisEndpoint, Long> calls = new LinkedHashMap<>();
		long total = 0;
		for (RedisEndpoint primary : cluster.primaries()) {
			long count = streamCalls(cluster.command(primary, (jedis) -> jedis.info("commandstats")));
			calls.put(primary, count);
			total += count;
		}
		this.report.append("## Command spread, one logical stream of ")
			.append(partitions)
			.append(" partitions, ")
			.append(entries)
			.append(" entries added and handled\n\n")
			.append("| primary | partitions | commands | share | Redis CPU (user+sys) | CPU per message |\n")
			.append("|---|---|---|---|---|---|\n");
		for (RedisEndpoint primary : cluster.primaries()) {
			int owned = partitionsPerPrimary.getOrDefault(primary, 0);
			double cpu = (after.get(primary)[0] - before.get(primary)[0]);
			long messages = (long) entries * owned / partitions;
			this.report.append(String.format(Locale.ROOT, "| :%d | %d | %d | %.1f %% | %.2f s | %.1f µs |%n",
					primary.port(), owned, calls.get(primary), 100.0 * calls.get(primary) / total, cpu,
					(messages > 0) ? cpu * 1_000_000 / messages : 0.0));
		}
		this.report.append("\n");
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, this.report.toString());
		processor.stop();
		events.close();
		events.client().close();
	}

	private void idle(RedisCluster cluster, int partitions) throws Exception {
		String stream = name("idle", partitions);
		long connectionsBefore = connections(cluster);
		RedisEvents events = engine(cluster, stream, partitions);
		StreamProcessor processor = events.partitionedStream(stream).process(options(), (item) -> {
		});
		processor.awaitRunning(Duration.ofSeconds(60));
		Thread.sleep(2000);
		long connections = connections(cluster) - connectionsBefore;
		long commandsBefore = commands(cluster);
		Duration window = Duration.ofSeconds(5);
		Thread.sleep(window.toMillis());
		double perSecond = (commands(cluster) - commandsBefore - cluster.primaries().size() * 2)
				/ (double) window.toSeconds();
		if (partitions == 1) {
			this.report.append("## Idle consumer (one process, one handler)\n\n")
				.append("| partitions | connections | idle commands/s |\n|---|---|---|\n");
		}
		this.report.append(String.format(Locale.ROOT, "| %d | %d | %.0f |%n", partitions, connections, perSecond));
		if (partitions == 48) {
			this.report.append("\n");
		}
		processor.stop();
		events.close();
		events.client().close();
	}

	private void latency(RedisCluster cluster, int partitions, int rate, Duration duration) throws Exception {
		String stream = name("latency", partitions);
		RedisEvents events = engine(cluster, stream, partitions);
		PartitionedStream logical = events.partitionedStream(stream);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		StreamProcessor processor = logical.process(options(),
				(item) -> latencies.add(System.currentTimeMillis() - Long.parseLong(item.data())));
		processor.awaitRunning(Duration.ofSeconds(60));
		long total = rate * duration.toSeconds();
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * 1_000_000_000L / rate;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			logical.add(Long.toString(System.currentTimeMillis()));
		}
		double achieved = total / ((System.nanoTime() - start) / 1e9);
		await().atMost(Duration.ofMinutes(2)).until(() -> latencies.size() >= total);
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		if (partitions == 1) {
			this.report.append("## Latency at ")
				.append(rate)
				.append(" entries/s (add to handler start, one producer thread, one consumer process)\n\n")
				.append("| partitions | achieved rate | p50 | p99 | max |\n|---|---|---|---|---|\n");
		}
		this.report.append(String.format(Locale.ROOT, "| %d | %.0f/s | %d ms | %d ms | %d ms |%n", partitions, achieved,
				sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
				sorted.get(sorted.size() - 1)));
		processor.stop();
		events.close();
		events.client().close();
	}

	/**
	 * A stream of one partition keeps its keys in one slot with a hash tag; one of
	 * several gets a tag per partition.
	 */
	private static String name(String base, int partitions) {
		return (partitions == 1) ? "{" + base + "}" : base + partitions;
	}

	private static long streamCalls(String commandstats) {
		long calls = 0;
		for (String line : commandstats.split("\r?\n")) {
			if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info") && !line.startsWith("cmdstat_config")
					&& !line.startsWith("cmdstat_cluster") && !line.startsWith("cmdstat_ping")) {
				int at = line.indexOf("calls=");
				calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
			}
		}
		return calls;
	}

	private static Map<RedisEndpoint, double[]> cpu(RedisCluster cluster) {
		Map<RedisEndpoint, double[]> cpu = new LinkedHashMap<>();
		for (RedisEndpoint primary : cluster.primaries()) {
			String info = cluster.command(primary, (jedis) -> jedis.info("cpu"));
			cpu.put(primary, new double[] { field(info, "used_cpu_user") + field(info, "used_cpu_sys") });
		}
		return cpu;
	}

	private static long connections(RedisCluster cluster) {
		long total = 0;
		for (RedisEndpoint node : cluster.primaries()) {
			total += (long) field(cluster.command(node, (jedis) -> jedis.info("clients")), "connected_clients") - 1;
		}
		return total;
	}

	private static long commands(RedisCluster cluster) {
		long total = 0;
		for (RedisEndpoint node : cluster.primaries()) {
			total += (long) field(cluster.command(node, (Jedis jedis) -> jedis.info("stats")),
					"total_commands_processed");
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

}
