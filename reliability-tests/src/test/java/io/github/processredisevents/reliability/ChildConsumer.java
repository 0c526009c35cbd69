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

import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import redis.clients.jedis.HostAndPort;

/**
 * The {@code main} of a consumer JVM for crash scenarios. Configured with system
 * properties ({@code host}, {@code port}, {@code stream}, {@code group},
 * {@code consumer}, {@code leaseMs}, {@code concurrency}, {@code workMs},
 * {@code shutdownMs}, {@code ledger}); entries whose payload starts with {@code fast}
 * take 20 ms, others {@code workMs}. It prints {@code READY} once it runs,
 * {@code STOPPING} when SIGTERM arrives and {@code STOPPED} when its processor has
 * stopped.
 */
public final class ChildConsumer {

	private ChildConsumer() {
	}

	public static void main(String[] args) throws Exception {
		String consumer = System.getProperty("consumer");
		long workMillis = Long.getLong("workMs", 100);
		LedgerWriter ledger = LedgerWriter.open(Path.of(System.getProperty("ledger")));
		RedisEvents events = RedisEvents.connect(
				new HostAndPort(System.getProperty("host"), Integer.getInteger("port")),
				redis.clients.jedis.DefaultJedisClientConfig.builder().build());
		ProcessOptions<String> options = ProcessOptions.builder(String.class)
			.group(System.getProperty("group"))
			.consumerId(consumer)
			.startFrom(StartFrom.OLDEST)
			.lease(Duration.ofMillis(Long.getLong("leaseMs", 2000)))
			.concurrency(Integer.getInteger("concurrency", 10))
			.batchSize(Integer.getInteger("concurrency", 10))
			.shutdownTimeout(Duration.ofMillis(Long.getLong("shutdownMs", 10_000)))
			.build();
		StreamProcessor processor = events.stream(System.getProperty("stream"))
			.process(options, new RecordingHandler<>(ledger, consumer,
					(item) -> item.data().startsWith("fast") ? 20 : workMillis));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("STOPPING");
			System.out.flush();
			processor.stop();
			events.close();
			System.out.println("STOPPED");
			System.out.flush();
		}));
		if (processor.awaitRunning(Duration.ofSeconds(30))) {
			System.out.println("READY");
			System.out.flush();
		}
		Thread.currentThread().join();
	}

}
