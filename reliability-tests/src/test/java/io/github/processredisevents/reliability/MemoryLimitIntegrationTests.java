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
import java.util.Map;

import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisDataException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scenario 13: Redis at maxmemory with {@code noeviction}.
 */
class MemoryLimitIntegrationTests {

	@Test
	void addsFailClearlyAtMaxmemoryWhileConsumersKeepAcknowledging() throws Exception {
		try (Scenario scenario = Scenario.start("s13", Map.of("maxmemory", "4mb", "maxmemory-policy", "noeviction"))) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			StreamProcessor consumer = scenario.consume(events,
					Scenario.options("c1", Duration.ofSeconds(2)).produceEvents(true).build(), 1);
			assertThat(consumer.awaitRunning(Duration.ofSeconds(10))).isTrue();
			LedgerWriter producer = scenario.ledger().writer("producer");
			String pad = "x".repeat(500);
			JedisDataException refused = null;
			for (int i = 0; i < 100_000 && refused == null; i++) {
				try {
					producer.added(stream.add("item-" + i + "-" + pad));
				}
				catch (JedisDataException ex) {
					refused = ex;
				}
			}
			assertThat(refused).isNotNull();
			assertThat(refused.getMessage()).contains("XADD on 'stream:orders'").contains("OOM");
			// Acknowledgements free pending-list memory, so Redis may take a few more
			// entries
			// before it refuses again: keep adding until addAll is refused too.
			JedisDataException refusedBatch = null;
			for (int i = 0; i < 100_000 && refusedBatch == null; i++) {
				try {
					stream.addAll(java.util.List.of("more-" + i + "-" + pad, "more-" + i + "-" + pad))
						.forEach(producer::added);
				}
				catch (JedisDataException ex) {
					refusedBatch = ex;
				}
			}
			assertThat(refusedBatch).isNotNull();
			assertThat(refusedBatch.getMessage()).contains("OOM");
			GroupProbe probe = scenario.probe();
			long full = System.nanoTime();
			Duration drain = probe.awaitDrain(full, Duration.ofSeconds(40), null);
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					scenario.alive(), 1);
			ReliabilityReport.add("13", "Redis at maxmemory 4 MB (noeviction), events on", figures,
					"adds then failed with \"" + refused.getMessage()
							+ "\"; consumers kept acknowledging (events refused, logged)");
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
			assertThat(consumer.health().loopAlive()).isTrue();
		}
	}

}
