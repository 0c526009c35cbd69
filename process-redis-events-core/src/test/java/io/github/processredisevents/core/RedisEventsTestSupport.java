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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Base for tests against a real Redis: an engine per test, a stream name of its own, and
 * processors that are stopped after each test.
 */
@ExtendWith(RealRedis.class)
abstract class RedisEventsTestSupport {

	static final Duration WAIT = Duration.ofSeconds(20);

	static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The cluster the suite runs against, set by {@link OnRedisCluster}; {@code null} for
	 * a single Redis.
	 */
	@Nullable RedisCluster cluster;

	RedisEvents events;

	RedisEventStream stream;

	private final List<StreamProcessor> processors = new ArrayList<>();

	@BeforeEach
	void connect(RedisEndpoint redis) {
		this.events = newEvents(redis);
		this.stream = this.events.stream(streamName(RealRedis.uniqueName(getClass().getSimpleName())));
	}

	/**
	 * The engine of one test; the cluster variants of a suite connect to a cluster.
	 */
	private RedisEvents newEvents(RedisEndpoint redis) {
		RedisCluster cluster = this.cluster;
		return (cluster != null)
				? RedisEvents.connectCluster(cluster.nodes(), DefaultJedisClientConfig.builder().build())
				: RedisEvents.connect(redis.hostAndPort());
	}

	/**
	 * The name of the test's stream; the cluster variants put it in a hash tag.
	 */
	private String streamName(String unique) {
		return (this.cluster != null) ? "{" + unique + "}" : unique;
	}

	@AfterEach
	void disconnect() {
		this.processors.forEach(StreamProcessor::stop);
		this.events.close();
	}

	UnifiedJedis redis() {
		return this.events.client();
	}

	<T> ProcessOptions.Builder<T> options(Class<T> type) {
		return ProcessOptions.builder(type)
			.group("workers")
			.startFrom(StartFrom.OLDEST)
			.backoff(Backoff.fixed(Duration.ofMillis(50)))
			.shutdownTimeout(Duration.ofSeconds(5));
	}

	<T> StreamProcessor process(ProcessOptions<T> options, QueueHandler<T> handler) {
		return started(this.stream.process(options, handler));
	}

	StreamProcessor started(StreamProcessor processor) {
		this.processors.add(processor);
		return processor;
	}

	static JsonNode parse(String data) {
		return json.readTree(data);
	}

	/**
	 * The events of a stream, in order, as parsed JSON.
	 */
	List<JsonNode> events(RedisEventStream stream, String id) {
		List<JsonNode> events = new ArrayList<>();
		for (StreamRecord record : stream.eventStream().oldest(10_000)) {
			JsonNode event = parse(record.data());
			if (event.path("id").asString().equals(id)) {
				events.add(event);
			}
		}
		return events;
	}

	List<String> eventTypes(RedisEventStream stream, String id) {
		return events(stream, id).stream().map((event) -> event.path("type").asString()).toList();
	}

	/**
	 * The dead letters of the stream, in the order of the entries they came from.
	 */
	List<JsonNode> deadLettersInOriginalOrder() {
		return this.stream.deadLetterStream()
			.oldest(1000)
			.stream()
			.map((record) -> parse(record.data()))
			.sorted(Comparator.comparing(
					(JsonNode letter) -> new StreamEntryID(letter.path("_dlqMetadata").path("originalId").asString())))
			.toList();
	}

	long pending(String group) {
		return this.stream.consumerGroups()
			.stream()
			.filter((info) -> info.name().equals(group))
			.mapToLong(ConsumerGroupInfo::pending)
			.sum();
	}

	void awaitNothingPending(String group) {
		await().atMost(WAIT).until(() -> pending(group) == 0);
	}

	record Order(String orderId, double amount) {
		Map<String, Object> asMap() {
			return Map.of("orderId", this.orderId, "amount", this.amount);
		}
	}

}
