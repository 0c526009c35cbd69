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

package io.github.processredisevents.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The child JVM of the handler-count scenario: starts {@code N} handlers with the
 * defaults on {@code N} streams through one engine, has each handle one entry, lets them
 * sit idle, and prints what they cost beyond a JVM without them: threads, Redis
 * connections, heap after a full GC, Redis commands per second and CPU while idle. It
 * uses only the engine's oldest API, so that it runs against older builds of the core.
 *
 * <pre>
 * java -cp ... HandlerCostProbe &lt;handlers&gt; &lt;redis port&gt; &lt;settle seconds&gt; &lt;window seconds&gt;
 * </pre>
 */
public final class HandlerCostProbe {

	private HandlerCostProbe() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		int handlers = Integer.parseInt(args[0]);
		int port = Integer.parseInt(args[1]);
		Duration settle = Duration.ofSeconds(Long.parseLong(args[2]));
		Duration window = Duration.ofSeconds(Long.parseLong(args[3]));
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		try (Jedis admin = new Jedis(RedisServerProcess.HOST, port)) {
			String prefix = "cost-" + ProcessHandle.current().pid() + "-";
			// the same work done once before, so that class loading and JIT do not count
			Sample baseline = sample(admin, threads, os, window);
			threads.resetPeakThreadCount();
			AtomicInteger handled = new AtomicInteger();
			List<StreamProcessor> processors = new ArrayList<>();
			RedisEvents events = RedisEvents.connect(new HostAndPort(RedisServerProcess.HOST, port));
			for (int i = 0; i < handlers; i++) {
				processors.add(events.stream(prefix + i)
					.process(ProcessOptions.builder(String.class).group("g").startFrom(StartFrom.OLDEST).build(),
							(item) -> handled.incrementAndGet()));
			}
			for (int i = 0; i < handlers; i++) {
				events.stream(prefix + i).add("entry-" + i);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (handled.get() < handlers && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			int peak = threads.getPeakThreadCount();
			Thread.sleep(settle.toMillis());
			Sample idle = sample(admin, threads, os, window);
			System.out.printf(
					"RESULT handlers=%d handled=%d threads=%d peakThreads=%d connections=%d heapBytes=%d"
							+ " commandsPerSecond=%.2f cpuMillisPerSecond=%.3f%n",
					handlers, handled.get(), idle.threads - baseline.threads, peak - baseline.threads,
					idle.clients - baseline.clients, idle.heap - baseline.heap,
					idle.commandsPerSecond - baseline.commandsPerSecond,
					idle.cpuMillisPerSecond - baseline.cpuMillisPerSecond);
			System.out.flush();
			processors.forEach(StreamProcessor::stop);
			events.close();
			for (int i = 0; i < handlers; i++) {
				admin.del("stream:" + prefix + i);
			}
		}
		System.exit(0);
	}

	private static Sample sample(Jedis admin, ThreadMXBean threads, com.sun.management.OperatingSystemMXBean os,
			Duration window) throws InterruptedException {
		System.gc();
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long clients = field(admin.info("clients"), "connected_clients");
		long commandsBefore = field(admin.info("stats"), "total_commands_processed");
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		Thread.sleep(window.toMillis());
		double seconds = (System.nanoTime() - start) / 1e9;
		long cpu = os.getProcessCpuTime() - cpuBefore;
		// less this probe's own INFO
		long commands = field(admin.info("stats"), "total_commands_processed") - commandsBefore - 1;
		return new Sample(threads.getThreadCount(), clients, heap, commands / seconds, cpu / 1e6 / seconds);
	}

	private static long field(String info, String name) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(name + ":")) {
				return Long.parseLong(line.substring(name.length() + 1).trim());
			}
		}
		throw new IllegalStateException("No " + name + " in INFO");
	}

	private record Sample(int threads, long clients, long heap, double commandsPerSecond, double cpuMillisPerSecond) {
	}

}
