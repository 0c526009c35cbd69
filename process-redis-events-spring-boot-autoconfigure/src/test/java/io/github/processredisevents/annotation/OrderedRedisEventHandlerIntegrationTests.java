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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.HandlerDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.StreamDescriptor;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.PartitionedStream;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamRecord;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
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
 * {@code @RedisEventHandler(ordered = "true")} on a stream of four partitions with
 * {@code redis-events.streams.<name>.partition-key}, against a real Redis.
 */
@SpringBootTest(classes = OrderedRedisEventHandlerIntegrationTests.TestApplication.class,
		properties = { "redis-events.defaults.start-from=oldest", "redis-events.handlers.audit.ordered=true" })
class OrderedRedisEventHandlerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int PARTITIONS = 4;

	private static final String LEDGER = SharedRedis.uniqueName("ledger");

	private static final String AUDIT = SharedRedis.uniqueName("audit");

	private static final int PER_KEY = 20;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		SharedRedis.register(registry);
		registry.add("test.ledger", () -> LEDGER);
		registry.add("test.audit", () -> AUDIT);
		for (String stream : List.of(LEDGER, AUDIT)) {
			registry.add("redis-events.streams." + stream + ".partitions", () -> PARTITIONS);
			registry.add("redis-events.streams." + stream + ".partition-key", () -> "/account");
		}
	}

	@Autowired
	private RedisEventTemplate template;

	@Autowired
	private RedisEvents events;

	@Autowired
	private RedisEventHandlerRegistry registry;

	@Autowired
	private Ledger ledger;

	@Test
	void entriesOfOneKeyAreHandledOneAtATimeInOrderWhileTwoKeysInterleave() {
		// two keys of one partition: ordered per key, not per partition
		String first = "acct-1";
		String second = IntStream.range(2, 1000)
			.mapToObj((i) -> "acct-" + i)
			.filter((key) -> PartitionedStream.partitionOf(key, PARTITIONS) == PartitionedStream.partitionOf(first,
					PARTITIONS))
			.findFirst()
			.orElseThrow();
		this.ledger.holdUntilHandled(new Posting(first, 1), new Posting(second, 2));
		for (int sequence = 1; sequence <= PER_KEY; sequence++) {
			this.template.send(LEDGER, new Posting(first, sequence));
			this.template.send(LEDGER, new Posting(second, sequence));
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.ledger.handled(first)).hasSize(PER_KEY)
				.as(second)
				.satisfies((ignored) -> assertThat(this.ledger.handled(second)).hasSize(PER_KEY)));
		List<Integer> inOrder = IntStream.rangeClosed(1, PER_KEY).boxed().toList();
		assertThat(this.ledger.handled(first)).isEqualTo(inOrder);
		assertThat(this.ledger.handled(second)).isEqualTo(inOrder);
		assertThat(this.ledger.overlaps).isEmpty();
		// the first entry of one key waited for the second of the other: the keys
		// interleaved
		assertThat(this.ledger.interleaved).isEqualTo(1);
	}

	@Test
	void sendRoutesEachEntryToThePartitionOfTheKeyInItsPayload() {
		List<String> accounts = IntStream.range(0, 12).mapToObj((i) -> "route-" + i).toList();
		for (String account : accounts) {
			this.template.send(AUDIT, new Posting(account, 1));
		}
		JsonMapper json = JsonMapper.builder().build();
		List<String> seen = new ArrayList<>();
		List<RedisEventStream> partitions = this.events.partitionedStream(AUDIT).partitions();
		for (int i = 0; i < partitions.size(); i++) {
			for (StreamRecord record : partitions.get(i).oldest(100)) {
				String account = json.readTree(record.data()).get("account").asString();
				assertThat(PartitionedStream.partitionOf(account, PARTITIONS)).as(account).isEqualTo(i);
				seen.add(account);
			}
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(accounts);
	}

	@Test
	void aPropertyTurnsOrderingOnOverTheAnnotation() {
		assertThat(this.registry.getOptions("ledger").ordered()).isTrue();
		// ordered = "false" on the method, redis-events.handlers.audit.ordered=true
		assertThat(this.registry.getOptions("audit").ordered()).isTrue();
	}

	@Test
	void theEndpointShowsThatAHandlerIsOrderedItsPartitionKeyAndWhichPartitionsItOwns() {
		RedisEventsEndpoint endpoint = new RedisEventsEndpoint(this.events, this.registry, false, 20);
		List<String> partitions = IntStream.range(0, PARTITIONS).mapToObj((i) -> "{" + LEDGER + ":" + i + "}").toList();
		// the only consumer of the group takes every partition
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(handler(endpoint, "ledger").partitionOwnership()).containsOnlyKeys(partitions)
						.doesNotContainValue(false));
		HandlerDescriptor ledger = handler(endpoint, "ledger");
		assertThat(ledger.ordered()).isTrue();
		assertThat(ledger.partitionKey()).isEqualTo("/account");
		StreamDescriptor stream = endpoint.report()
			.streams()
			.stream()
			.filter((line) -> line.name().equals(LEDGER))
			.findFirst()
			.orElseThrow();
		assertThat(stream.partitions()).extracting(StreamDescriptor::name).containsExactlyElementsOf(partitions);
		assertThat(stream.partitions()).allSatisfy((partition) -> assertThat(partition.groups()).singleElement()
			.satisfies((group) -> assertThat(group.ownedHere()).isTrue()));
		// ownership is per partition: the totals line has none
		assertThat(stream.groups()).singleElement().satisfies((group) -> assertThat(group.ownedHere()).isNull());
		// a handler that is not started owns nothing
		HandlerDescriptor audit = handler(endpoint, "audit");
		assertThat(audit.ordered()).isTrue();
		assertThat(audit.partitionOwnership()).isNull();
	}

	private static HandlerDescriptor handler(RedisEventsEndpoint endpoint, String id) {
		return endpoint.report()
			.handlers()
			.stream()
			.filter((handler) -> handler.id().equals(id))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * An entry of an account's ledger.
	 *
	 * @param account the key
	 * @param sequence its place among the account's entries
	 */
	record Posting(String account, int sequence) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

	}

	static class Ledger {

		private final Map<String, List<Integer>> handled = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

		final List<String> overlaps = new CopyOnWriteArrayList<>();

		volatile int interleaved;

		private volatile Posting held = new Posting("", 0);

		private volatile Posting awaited = new Posting("", 0);

		private final CountDownLatch released = new CountDownLatch(1);

		/**
		 * Make one entry wait, while it runs, until another key's entry was handled.
		 */
		void holdUntilHandled(Posting held, Posting awaited) {
			this.held = held;
			this.awaited = awaited;
		}

		List<Integer> handled(String account) {
			return this.handled.getOrDefault(account, List.of());
		}

		@RedisEventHandler(id = "ledger", stream = "${test.ledger}", group = "ledger", ordered = "true",
				concurrency = "12")
		void post(Posting posting) throws InterruptedException {
			AtomicInteger active = this.running.computeIfAbsent(posting.account(), (key) -> new AtomicInteger());
			if (active.incrementAndGet() > 1) {
				this.overlaps.add(posting.account() + " " + posting.sequence());
			}
			try {
				if (posting.equals(this.held) && this.released.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					this.interleaved++;
				}
				this.handled.computeIfAbsent(posting.account(), (key) -> new CopyOnWriteArrayList<>())
					.add(posting.sequence());
				if (posting.equals(this.awaited)) {
					this.released.countDown();
				}
			}
			finally {
				active.decrementAndGet();
			}
		}

		@RedisEventHandler(id = "audit", stream = "${test.audit}", group = "audit", ordered = "false",
				autoStartup = "false")
		void audit(Posting posting) {
		}

	}

}
