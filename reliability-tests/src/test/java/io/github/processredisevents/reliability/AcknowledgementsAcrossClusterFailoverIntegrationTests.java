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
import java.util.List;

import io.github.processredisevents.core.ProcessorHealth;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 15: the primary that owns the stream's slot in a Redis Cluster (3 primaries, 3
 * replicas) is killed with SIGKILL under load, and its replica is promoted. Every engine
 * thread survives what Jedis's cluster pipeline does then (it swallows the lost
 * connection and leaves responses unreadable), acknowledgements resume, nothing is lost.
 */
@ExtendWith(RealRedisCluster.class)
class AcknowledgementsAcrossClusterFailoverIntegrationTests {

	private static final String STREAM = "{chaos}";

	private static final String KEY = "stream:" + STREAM;

	private static final int ENTRIES = 2000;

	@Test
	void acknowledgementsResumeAfterThePrimaryOfTheStreamIsKilledAndNothingIsLost(RedisCluster cluster)
			throws Exception {
		try (Ledger ledger = Ledger.create("s15")) {
			List<RedisEvents> engines = new ArrayList<>();
			List<StreamProcessor> consumers = new ArrayList<>();
			try {
				for (int i = 1; i <= 3; i++) {
					RedisEvents events = connect(cluster);
					engines.add(events);
					String consumer = "c" + i;
					consumers.add(events.stream(STREAM)
						.process(Scenario.options(consumer, Duration.ofSeconds(10)).concurrency(10).build(),
								new RecordingHandler<>(ledger.writer(consumer), consumer, (item) -> 5)));
				}
				for (StreamProcessor consumer : consumers) {
					assertThat(consumer.awaitRunning(Duration.ofSeconds(30))).isTrue();
				}
				RedisEvents producerEngine = connect(cluster);
				engines.add(producerEngine);
				Producer producer = new Producer(producerEngine.stream(STREAM), ledger.writer("producer"), ENTRIES,
						Duration.ofMillis(2));
				try {
					await().atMost(Duration.ofSeconds(30)).until(() -> producer.added() >= ENTRIES / 4);
					RedisEndpoint killed = cluster.killPrimaryFor(KEY);
					long kill = System.nanoTime();
					RedisEndpoint promoted = cluster.awaitPrimaryFor(KEY, Duration.ofSeconds(60));
					Duration failover = Duration.ofNanos(System.nanoTime() - kill);
					GroupProbe probe = new GroupProbe(promoted.host(), promoted.port(), KEY, Scenario.GROUP);
					Duration recovery = probe.awaitRecovery(kill, probe.acknowledged(), Duration.ofSeconds(60));
					Duration drain = probe.awaitDrain(kill, Duration.ofSeconds(90), producer::finished);
					await().atMost(Duration.ofSeconds(30))
						.until(() -> consumers.stream()
							.allMatch((consumer) -> consumer.health().unsentAcknowledgements() == 0));
					int alive = (int) consumers.stream().filter((consumer) -> consumer.health().loopAlive()).count();
					Figures figures = Figures.of(ledger, probe, "stream:dlq:" + STREAM, recovery, drain, alive,
							consumers.size());
					ReliabilityReport.add("15",
							"Redis Cluster: the primary owning the stream's slot killed (SIGKILL) under load, replica"
									+ " promoted",
							figures,
							"3 consumers, 10 s lease; primary " + killed.port() + " killed after " + (ENTRIES / 4)
									+ " adds, replica " + promoted.port() + " serving after "
									+ ReliabilityReport.format(failover) + "; " + producer.failures()
									+ " adds retried; recovery and drain from the kill");
					for (StreamProcessor consumer : consumers) {
						ProcessorHealth health = consumer.health();
						assertThat(health.deadThreads()).as("dead threads of %s", consumer.consumerId()).isEmpty();
						assertThat(health.healthy()).as("health of %s", consumer.consumerId()).isTrue();
					}
					assertThat(figures.lostByLibrary()).as("lost %s", figures.lostIds()).isZero();
					assertThat(figures.pending()).isZero();
					assertThat(figures.alive()).isEqualTo(3);
					// at most the entries in flight or unacknowledged around the kill: a
					// handful of batches, never a multiple of the stream
					assertThat(figures.dup()).isLessThan(ENTRIES / 10);
				}
				finally {
					producer.close();
				}
			}
			finally {
				consumers.forEach(StreamProcessor::stop);
				engines.forEach(RedisEvents::close);
			}
		}
	}

	private static RedisEvents connect(RedisCluster cluster) {
		JedisClientConfig config = DefaultJedisClientConfig.builder().socketTimeoutMillis(1000).build();
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(2);
		return RedisEvents.builder(new JedisCluster(cluster.nodes(), config))
			.blockingClientFactory(
					() -> new JedisCluster(cluster.nodes(), RedisEvents.blockingReadConfig(config), pool))
			.build();
	}

}
