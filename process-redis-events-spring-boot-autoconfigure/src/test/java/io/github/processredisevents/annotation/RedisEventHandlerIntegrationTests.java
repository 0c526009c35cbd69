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

package io.github.processredisevents.annotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;

import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.HandlerTimeoutException;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.QueueItem;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamRecord;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisEventHandler @RedisEventHandler} methods and the
 * {@link RedisEventTemplate} against a real Redis.
 */
@SpringBootTest(classes = RedisEventHandlerIntegrationTests.TestApplication.class,
		properties = { "redis-events.defaults.start-from=oldest", "redis-events.defaults.lease=1s",
				"redis-events.defaults.backoff.initial=10ms", "redis-events.defaults.backoff.max=10ms" })
class RedisEventHandlerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		SharedRedis.register(registry);
		for (String name : List.of("payload", "item", "both", "generic", "failing", "fatal", "vetoed", "mapped",
				"manual", "pausable", "template", "slow", "batch")) {
			String stream = SharedRedis.uniqueName(name);
			registry.add("test.stream." + name, () -> stream);
		}
	}

	@Autowired
	private RedisEventTemplate template;

	@Autowired
	private RedisEvents events;

	@Autowired
	private RedisEventHandlerRegistry registry;

	@Autowired
	private Handlers handlers;

	@Autowired
	private org.springframework.core.env.Environment environment;

	@Test
	void handlerTakingThePayloadReceivesIt() {
		this.template.send(stream("payload"), new Order("o-1", 12.5, false));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.handlers.payloads).contains(new Order("o-1", 12.5, false)));
	}

	@Test
	void handlerTakingAQueueItemReportsProgressAsEvents() {
		String id = this.template.send(stream("item"), new Order("o-2", 3, false));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.handlers.items).extracting(QueueItem::id).contains(id));
		QueueItem<Order> item = this.handlers.items.get(0);
		assertThat(item.data()).isEqualTo(new Order("o-2", 3, false));
		assertThat(item.attempts()).isZero();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(eventTypes(stream("item"))).contains("started", "progress", "completed"));
		JsonNode progress = events(stream("item")).stream()
			.filter((event) -> "progress".equals(event.get("type").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(progress.get("id").asString()).isEqualTo(id);
		assertThat(progress.get("completionRatio").asDouble()).isEqualTo(0.5);
		assertThat(progress.get("status").asString()).isEqualTo("charged");
	}

	@Test
	void handlerTakingPayloadAndItemReceivesBoth() {
		this.template.send(stream("both"), new Order("o-3", 1, false));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.both).containsExactly("o-3:o-3"));
	}

	@Test
	void genericPayloadTypesAreReadFromTheSignature() {
		this.template.send(stream("generic"), List.of(new Order("a", 1, false), new Order("b", 2, false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.handlers.lists)
				.containsExactly(List.of(new Order("a", 1, false), new Order("b", 2, false))));
	}

	@Test
	void throwingFailsTheAttemptUntilMaxAttemptsThenDeadLetters() {
		String id = this.template.send(stream("failing"), new Order("o-4", 1, true));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.events.stream(stream("failing")).deadLetterStream().length()).isEqualTo(1));
		assertThat(this.handlers.failingCalls.get()).isEqualTo(3);
		StreamRecord letter = this.events.stream(stream("failing")).deadLetterStream().oldest(1).get(0);
		JsonNode data = JsonMapper.builder().build().readTree(letter.data());
		assertThat(data.get("orderId").asString()).isEqualTo("o-4");
		assertThat(data.get("_dlqMetadata").get("originalId").asString()).isEqualTo(id);
		assertThat(data.get("_dlqMetadata").get("consumerGroup").asString()).isEqualTo("g");
	}

	@Test
	void aMethodTakingAListOfQueueItemsHandlesBatches() {
		this.template.sendAll(stream("batch"),
				List.of(new Order("b-1", 1, false), new Order("b-2", 2, false), new Order("b-3", 3, false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.handlers.batches.stream().flatMap(List::stream))
				.containsExactlyInAnyOrder("b-1", "b-2", "b-3"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.events.stream(stream("batch")).consumerGroups())
				.allSatisfy((group) -> assertThat(group.pending()).isZero()));
	}

	@Test
	void aMethodOutlivingItsTimeoutIsInterruptedAndDeadLetteredAfterMaxAttempts() {
		this.template.send(stream("slow"), new Order("o-slow", 1, false));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.events.stream(stream("slow")).deadLetterStream().length()).isEqualTo(1));
		assertThat(this.handlers.interrupted.get()).isEqualTo(1);
		StreamRecord letter = this.events.stream(stream("slow")).deadLetterStream().oldest(1).get(0);
		JsonNode metadata = JsonMapper.builder().build().readTree(letter.data()).get("_dlqMetadata");
		assertThat(metadata.get("errorType").asString()).isEqualTo(HandlerTimeoutException.class.getName());
		assertThat(metadata.get("error").asString()).contains("timeout of 200ms");
	}

	@Test
	void notRetryableExceptionsDeadLetterOnTheFirstFailure() {
		this.template.send(stream("fatal"), new Order("o-5", 1, true));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.events.stream(stream("fatal")).deadLetterStream().length()).isEqualTo(1));
		assertThat(this.handlers.fatalCalls.get()).isEqualTo(1);
	}

	@Test
	void shouldRetryBeanDecidesOnRedelivery() {
		this.template.send(stream("vetoed"), new Order("o-6", 1, true));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.events.stream(stream("vetoed")).deadLetterStream().length()).isEqualTo(1));
		assertThat(this.handlers.vetoedCalls.get()).isEqualTo(1);
	}

	@Test
	void mapperBeanMapsEachBatchBeforeHandling() {
		this.template.sendAll(stream("mapped"), List.of(new Order("m-1", 1, false), new Order("m-2", 2, false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.handlers.mapped).containsExactlyInAnyOrder("M-1", "M-2"));
	}

	@Test
	void handlerWithoutAutoStartupWaitsToBeStarted() {
		this.template.send(stream("manual"), new Order("o-7", 1, false));
		assertThat(this.registry.getState("manual")).isEqualTo(ProcessorState.STOPPED);
		assertThat(this.handlers.manual).isEmpty();
		this.registry.start("manual");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.manual).containsExactly("o-7"));
		this.registry.stop("manual");
		assertThat(this.registry.getState("manual")).isEqualTo(ProcessorState.STOPPED);
	}

	@Test
	void registryPausesAndResumesAHandler() {
		await().atMost(WAIT).until(() -> this.registry.getState("pausable") == ProcessorState.RUNNING);
		this.registry.pause("pausable");
		assertThat(this.registry.getState("pausable")).isEqualTo(ProcessorState.PAUSED);
		this.template.send(stream("pausable"), new Order("o-8", 1, false));
		this.registry.resume("pausable");
		assertThat(this.registry.getState("pausable")).isEqualTo(ProcessorState.RUNNING);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.pausable).containsExactly("o-8"));
	}

	@Test
	void registryListsHandlersById() {
		assertThat(this.registry.getHandlerIds()).contains("payload", "item", "both", "generic", "failing", "fatal",
				"vetoed", "mapped", "manual", "pausable");
		assertThat(this.registry.getEndpoint("payload").getStream()).isEqualTo(stream("payload"));
	}

	@Test
	void templateWritesTheWireFormat() {
		List<String> ids = this.template.sendAll(stream("template"),
				List.of(new Order("t-1", 1, false), Map.of("orderId", "t-2")));
		String single = this.template.send(stream("template"), "plain text");
		List<StreamRecord> records = this.events.stream(stream("template")).oldest(10);
		assertThat(records).extracting(StreamRecord::id).containsExactly(ids.get(0), ids.get(1), single);
		assertThat(records).extracting(StreamRecord::data)
			.containsExactly("{\"orderId\":\"t-1\",\"amount\":1.0,\"flagged\":false}", "{\"orderId\":\"t-2\"}",
					"\"plain text\"");
		try (var jedis = new redis.clients.jedis.UnifiedJedis(SharedRedis.endpoint().hostAndPort())) {
			assertThat(jedis.xrange("stream:" + stream("template"), "-", "+").get(0).getFields())
				.containsOnlyKeys("data");
		}
	}

	private String stream(String name) {
		return this.environment.getRequiredProperty("test.stream." + name);
	}

	private List<JsonNode> events(String stream) {
		JsonMapper mapper = JsonMapper.builder().build();
		return this.events.stream(stream)
			.eventStream()
			.oldest(100)
			.stream()
			.map((record) -> mapper.readTree(record.data()))
			.toList();
	}

	private List<String> eventTypes(String stream) {
		return events(stream).stream().map((event) -> event.get("type").asString()).toList();
	}

	record Order(String orderId, double amount, boolean flagged) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

		@Bean
		BiPredicate<Integer, Order> neverRetry() {
			return (attempts, order) -> !order.flagged();
		}

		@Bean
		Function<List<Order>, List<String>> upperCaseIds() {
			return (orders) -> orders.stream().map((order) -> order.orderId().toUpperCase()).toList();
		}

	}

	static class Handlers {

		final List<Order> payloads = new CopyOnWriteArrayList<>();

		final List<QueueItem<Order>> items = new CopyOnWriteArrayList<>();

		final List<String> both = new CopyOnWriteArrayList<>();

		final List<List<Order>> lists = new CopyOnWriteArrayList<>();

		final AtomicInteger failingCalls = new AtomicInteger();

		final AtomicInteger fatalCalls = new AtomicInteger();

		final AtomicInteger vetoedCalls = new AtomicInteger();

		final List<String> mapped = new CopyOnWriteArrayList<>();

		final List<String> manual = new CopyOnWriteArrayList<>();

		final List<String> pausable = new CopyOnWriteArrayList<>();

		final AtomicInteger interrupted = new AtomicInteger();

		final List<List<String>> batches = new CopyOnWriteArrayList<>();

		@RedisEventHandler(id = "payload", stream = "${test.stream.payload}", group = "g")
		void payload(Order order) {
			this.payloads.add(order);
		}

		@RedisEventHandler(id = "item", stream = "${test.stream.item}", group = "g", produceEvents = "true")
		void item(QueueItem<Order> item) {
			item.reportProgress(0.5, "charged");
			this.items.add(item);
		}

		@RedisEventHandler(id = "both", stream = "${test.stream.both}", group = "g")
		void both(Order order, QueueItem<Order> item) {
			this.both.add(order.orderId() + ":" + item.data().orderId());
		}

		@RedisEventHandler(id = "generic", stream = "${test.stream.generic}", group = "g")
		void generic(List<Order> orders) {
			this.lists.add(orders);
		}

		@RedisEventHandler(id = "failing", stream = "${test.stream.failing}", group = "g", maxAttempts = "3")
		void failing(Order order) {
			this.failingCalls.incrementAndGet();
			throw new IllegalStateException("flagged order " + order.orderId());
		}

		@RedisEventHandler(id = "fatal", stream = "${test.stream.fatal}", group = "g",
				notRetryable = IllegalArgumentException.class)
		void fatal(Order order) {
			this.fatalCalls.incrementAndGet();
			throw new IllegalArgumentException("cannot handle " + order.orderId());
		}

		@RedisEventHandler(id = "vetoed", stream = "${test.stream.vetoed}", group = "g", shouldRetry = "neverRetry")
		void vetoed(Order order) {
			this.vetoedCalls.incrementAndGet();
			throw new IllegalStateException("flagged order " + order.orderId());
		}

		@RedisEventHandler(id = "mapped", stream = "${test.stream.mapped}", group = "g", mapper = "upperCaseIds")
		void mapped(String orderId) {
			this.mapped.add(orderId);
		}

		@RedisEventHandler(id = "manual", stream = "${test.stream.manual}", group = "g", autoStartup = "false")
		void manual(Order order) {
			this.manual.add(order.orderId());
		}

		@RedisEventHandler(id = "batch", stream = "${test.stream.batch}", group = "g")
		void batch(List<QueueItem<Order>> items) {
			this.batches.add(items.stream().map((item) -> item.data().orderId()).toList());
		}

		@RedisEventHandler(id = "slow", stream = "${test.stream.slow}", group = "g", timeout = "200ms",
				maxAttempts = "1")
		void slow(Order order) throws InterruptedException {
			try {
				Thread.sleep(Duration.ofMinutes(5).toMillis());
			}
			catch (InterruptedException ex) {
				this.interrupted.incrementAndGet();
				throw ex;
			}
		}

		@RedisEventHandler(id = "pausable", stream = "${test.stream.pausable}", group = "g")
		void pausable(Order order) {
			this.pausable.add(order.orderId());
		}

	}

}
