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

package io.github.processredisevents.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.GroupDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.HandlerDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.RedriveDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.StreamDescriptor;
import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.autoconfigure.endpoint.RedisEventsEndpointAutoConfiguration;
import io.github.processredisevents.autoconfigure.health.RedisEventsHealthContributorAutoConfiguration;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.health.RedisEventsHealthIndicator;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @RedisEventHandler} methods, the template, the Actuator endpoint and the health
 * indicator of an application configured with {@code spring.data.redis.cluster.nodes},
 * against a real Redis Cluster of three primaries with a replica each.
 */
@ExtendWith(RealRedisCluster.class)
class RedisEventsOnClusterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class,
				RedisEventsEndpointAutoConfiguration.class, RedisEventsHealthContributorAutoConfiguration.class))
		.withBean(Handler.class)
		.withPropertyValues("redis-events.defaults.start-from=oldest", "redis-events.defaults.max-attempts=2",
				"redis-events.defaults.backoff.initial=10ms", "redis-events.defaults.backoff.max=10ms",
				"management.endpoints.web.exposure.include=redisevents");

	@Test
	void handlesRetriesDeadLettersReportsAndRedrivesThroughClusterNodes(RedisCluster cluster) {
		String stream = "{" + SharedRedis.uniqueName("orders") + "}";
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.nodesProperty(), "test.stream=" + stream)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(UnifiedJedis.class)).isInstanceOf(JedisCluster.class);
				Handler handler = context.getBean(Handler.class);
				context.getBean(RedisEventTemplate.class).sendAll(stream, List.of("o-1", "fail", "o-2"));
				await().atMost(WAIT).untilAsserted(() -> assertThat(handler.received).contains("o-1", "o-2"));
				RedisEvents events = context.getBean(RedisEvents.class);
				await().atMost(WAIT).until(() -> events.stream(stream).deadLetterStream().length() == 1);
				assertThat(handler.attempts).filteredOn("fail"::equals).hasSize(2);

				RedisEventsEndpoint endpoint = context.getBean(RedisEventsEndpoint.class);
				StreamDescriptor reported = endpoint.report().streams().get(0);
				assertThat(reported.name()).isEqualTo(stream);
				assertThat(reported.key()).isEqualTo("stream:" + stream);
				assertThat(reported.length()).isEqualTo(3);
				assertThat(reported.deadLetterLength()).isEqualTo(1);
				assertThat(reported.error()).isNull();
				GroupDescriptor group = reported.groups().get(0);
				assertThat(group.name()).isEqualTo("g");
				assertThat(group.pending()).isZero();
				HandlerDescriptor reportedHandler = endpoint.report().handlers().get(0);
				assertThat(reportedHandler.state()).isEqualTo("RUNNING");
				assertThat(reportedHandler.processed()).isEqualTo(2);
				assertThat(reportedHandler.deadLettered()).isEqualTo(1);

				Health health = context.getBean(RedisEventsHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);

				handler.failing = false;
				RedriveDescriptor redriven = (RedriveDescriptor) endpoint.act("streams", stream,
						"redrive-dead-letters");
				assertThat(redriven.redriven()).isEqualTo(1);
				await().atMost(WAIT).untilAsserted(() -> assertThat(handler.received).contains("fail"));
				assertThat(events.stream(stream).deadLetterStream().length()).isZero();
			});
	}

	@Test
	void aHandlerWhoseDeadLettersWouldCrossSlotsFailsStartupNamingHandlerKeysAndFix(RedisCluster cluster) {
		String stream = SharedRedis.uniqueName("untagged");
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.nodesProperty(), "test.stream=" + stream)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Handler 'cluster' cannot start: Stream '" + stream
						+ "' cannot be processed on a Redis Cluster")
				.hasStackTraceContaining("stream:" + stream + " (slot ")
				.hasStackTraceContaining("stream:dlq:" + stream + " (slot ")
				.hasStackTraceContaining("'{" + stream + "}'"));
	}

	@Test
	void aHandlerWithoutHashTagStartsWhenItsDeadLettersAreOff(RedisCluster cluster) {
		String stream = SharedRedis.uniqueName("untagged");
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.nodesProperty(), "test.stream=" + stream,
					"redis-events.handlers.cluster.dead-letter=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(RedisEventTemplate.class).send(stream, "o-1");
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(context.getBean(Handler.class).received).contains("o-1"));
			});
	}

	@Test
	void aHandlerConsumesEveryPartitionOfAStreamAndTheEndpointShowsALinePerPartition(RedisCluster cluster) {
		String stream = SharedRedis.uniqueName("partitioned");
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.nodesProperty(), "test.stream=" + stream,
					"redis-events.streams." + stream + ".partitions=4")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisEventTemplate template = context.getBean(RedisEventTemplate.class);
				for (int i = 0; i < 8; i++) {
					template.send(stream, "o-" + i);
				}
				template.send(stream, "customer-7", "keyed");
				Handler handler = context.getBean(Handler.class);
				await().atMost(WAIT).untilAsserted(() -> assertThat(handler.received).hasSize(9));
				RedisEvents events = context.getBean(RedisEvents.class);
				int keyed = io.github.processredisevents.core.PartitionedStream.partitionOf("customer-7", 4);
				assertThat(events.stream("{" + stream + ":" + keyed + "}").length()).isEqualTo(3);

				RedisEventsEndpoint endpoint = context.getBean(RedisEventsEndpoint.class);
				StreamDescriptor reported = endpoint.report().streams().get(0);
				assertThat(reported.name()).isEqualTo(stream);
				assertThat(reported.key()).isEqualTo("stream:{" + stream + ":0..3}");
				assertThat(reported.length()).isEqualTo(9);
				assertThat(reported.partitions()).extracting(StreamDescriptor::name)
					.containsExactly("{" + stream + ":0}", "{" + stream + ":1}", "{" + stream + ":2}",
							"{" + stream + ":3}");
				assertThat(reported.partitions()).allSatisfy((partition) -> {
					assertThat(partition.groups()).singleElement()
						.satisfies((group) -> assertThat(group.pending()).isZero());
				});
				assertThat(reported.groups()).singleElement()
					.satisfies((group) -> assertThat(group.entriesRead()).isEqualTo(9));
				assertThat(endpoint.report().handlers().get(0).processed()).isEqualTo(9);
			});
	}

	@Test
	void anOrderedHandlerKeepsEachKeysOrderAcrossPartitionsInTheirOwnSlots(RedisCluster cluster) {
		String stream = SharedRedis.uniqueName("ordered");
		this.contextRunner.withBean(OrderedHandler.class)
			.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.nodesProperty(),
					"test.stream={" + SharedRedis.uniqueName("other") + "}", "test.ordered-stream=" + stream,
					"redis-events.streams." + stream + ".partitions=3",
					"redis-events.streams." + stream + ".partition-key=/account")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisEventTemplate template = context.getBean(RedisEventTemplate.class);
				for (int sequence = 1; sequence <= 10; sequence++) {
					for (String account : List.of("a", "b", "c", "d")) {
						template.send(stream, Map.of("account", account, "sequence", sequence));
					}
				}
				OrderedHandler handler = context.getBean(OrderedHandler.class);
				await().atMost(WAIT).untilAsserted(() -> assertThat(handler.received).hasSize(40));
				for (String account : List.of("a", "b", "c", "d")) {
					assertThat(handler.received).filteredOn((entry) -> entry.startsWith(account + ":"))
						.containsExactlyElementsOf(
								IntStream.rangeClosed(1, 10).mapToObj((i) -> account + ":" + i).toList());
				}
				RedisEventsEndpoint endpoint = context.getBean(RedisEventsEndpoint.class);
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(endpoint.report().handlers())
						.filteredOn((reported) -> reported.id().equals("ordered"))
						.singleElement()
						.satisfies((reported) -> assertThat(reported.partitionOwnership()).hasSize(3)
							.doesNotContainValue(false)));
			});
	}

	static class OrderedHandler {

		final List<String> received = new CopyOnWriteArrayList<>();

		@RedisEventHandler(id = "ordered", stream = "${test.ordered-stream}", group = "g", ordered = "true")
		void on(Map<String, Object> posting) {
			this.received.add(posting.get("account") + ":" + posting.get("sequence"));
		}

	}

	static class Handler {

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<String> attempts = new CopyOnWriteArrayList<>();

		volatile boolean failing = true;

		@RedisEventHandler(id = "cluster", stream = "${test.stream}", group = "g")
		void on(String payload) {
			this.attempts.add(payload);
			if (this.failing && payload.equals("fail")) {
				throw new IllegalStateException("failing as asked");
			}
			this.received.add(payload);
		}

	}

}
