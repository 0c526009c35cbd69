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

import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A partition key: where the key of an entry sits in its payload, how producers route by
 * it, and what ordered processing needs at start.
 */
@ExtendWith(RealRedis.class)
class PartitionKeyIntegrationTests {

	private JedisPooled client;

	private RedisEvents events;

	private String name;

	record Order(String customerId, int number) {
	}

	record Payment(long accountId, double amount) {
	}

	@BeforeEach
	void connect(RedisEndpoint redis) {
		this.name = RealRedis.uniqueName("keyed");
		this.client = new JedisPooled(redis.hostAndPort());
		this.events = RedisEvents.builder(this.client)
			.partitions(this.name, 6)
			.partitionKey(this.name, "/customerId")
			.partitions("payments-" + this.name, 6)
			.partitionKey("payments-" + this.name, "/accountId")
			.build();
	}

	@AfterEach
	void close() {
		this.events.close();
		this.client.close();
	}

	@Test
	void thePartitionKeyOfAStreamIsItsJsonPointer() {
		assertThat(this.events.partitionKey(this.name)).isEqualTo("/customerId");
		assertThat(this.events.partitionKey("other")).isNull();
	}

	@Test
	void aPartitionKeyMustBeAJsonPointerFromTheRoot() {
		RedisEvents.Builder builder = RedisEvents.builder(this.client);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.partitionKey("orders", "customerId"))
			.withMessageContaining("'orders'")
			.withMessageContaining("JSON Pointer starting with '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.partitionKey("orders", ""))
			.withMessageContaining("'orders'");
		builder.partitionKey("orders", "/customer/id");
	}

	@Test
	void entriesGoToThePartitionOfTheKeyInTheirPayload() {
		PartitionedStream stream = this.events.partitionedStream(this.name);
		for (int i = 0; i < 4; i++) {
			for (String customer : List.of("c-1", "c-2", "c-3")) {
				stream.add(new Order(customer, i));
			}
		}
		stream.addAll(List.of(new Order("c-1", 4), new Order("c-2", 4), new Order("c-3", 4)));
		for (String customer : List.of("c-1", "c-2", "c-3")) {
			RedisEventStream partition = stream.partitionFor(customer);
			List<String> numbers = partition.oldest(100)
				.stream()
				.filter((record) -> record.data().contains("\"" + customer + "\""))
				.map((record) -> record.data().replaceAll(".*\"number\":(\\d+).*", "$1"))
				.toList();
			assertThat(numbers).containsExactly("0", "1", "2", "3", "4");
		}
		long total = stream.partitions().stream().mapToLong(RedisEventStream::length).sum();
		assertThat(total).isEqualTo(15);
	}

	@Test
	void aNumericKeyIsRoutedByItsText() {
		PartitionedStream stream = this.events.partitionedStream("payments-" + this.name);
		stream.add(new Payment(42, 12.5));
		stream.add(Map.of("accountId", "42", "amount", 1));
		assertThat(stream.partitionFor("42").length()).isEqualTo(2);
	}

	@Test
	void aPayloadWithoutAScalarAtThePointerIsRefused() {
		PartitionedStream stream = this.events.partitionedStream(this.name);
		assertThatIllegalArgumentException().isThrownBy(() -> stream.add(Map.of("customer", "c-1")))
			.withMessageContaining("'" + this.name + "'")
			.withMessageContaining("/customerId")
			.withMessageContaining("Map");
		assertThatIllegalArgumentException().isThrownBy(() -> stream.add(Map.of("customerId", Map.of("id", "c-1"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> stream.addAll(List.of(new Order("c-1", 1), Map.of("other", 1))))
			.withMessageContaining("/customerId");
		assertThat(stream.partitions().stream().mapToLong(RedisEventStream::length).sum()).isZero();
	}

	@Test
	void anExplicitKeyMustBeTheKeyInThePayload() {
		PartitionedStream stream = this.events.partitionedStream(this.name);
		stream.add("c-1", new Order("c-1", 1));
		assertThat(stream.partitionFor("c-1").length()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> stream.add("c-2", new Order("c-1", 2)))
			.withMessageContaining("'" + this.name + "'")
			.withMessageContaining("/customerId")
			.withMessageContaining("'c-1'")
			.withMessageContaining("'c-2'");
	}

	@Test
	void aStreamWithoutAPartitionKeyStillGoesRoundRobin() {
		PartitionedStream stream = this.events.partitionedStream("plain-" + this.name);
		assertThat(stream.partitions()).hasSize(1);
		stream.add(Map.of("anything", 1));
		stream.add("c-2", new Order("c-1", 2));
		assertThat(stream.partitions().get(0).length()).isEqualTo(2);
	}

	@Test
	void orderedProcessingNeedsAPartitionKey() {
		RedisEvents plain = RedisEvents.builder(this.client).partitions(this.name, 3).build();
		ProcessOptions<Order> options = ProcessOptions.builder(Order.class).group("billing").ordered(true).build();
		assertThatIllegalStateException()
			.isThrownBy(() -> plain.partitionedStream(this.name).process(options, (item) -> {
			}))
			.withMessageContaining("redis-events.streams." + this.name + ".partition-key")
			.withMessageContaining("RedisEvents.Builder.partitionKey")
			.withMessageContaining("/customerId");
		assertThat(plain.processors()).isEmpty();
	}

	@Test
	void orderedProcessingRefusesABatchHandler() {
		ProcessOptions<Order> options = ProcessOptions.builder(Order.class).group("billing").ordered(true).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.events.partitionedStream(this.name).processBatches(options, (items) -> {
			}))
			.withMessageContaining("'" + this.name + "'")
			.withMessageContaining("batch handler");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.events.stream(this.name).processBatches(options, (items) -> {
			}))
			.withMessageContaining("batch handler");
		assertThat(this.events.processors()).isEmpty();
	}

	@Test
	void orderedIsAnOverridableOption() {
		ProcessOptions.Builder<Order> builder = ProcessOptions.builder(Order.class).group("billing");
		assertThat(builder.build().ordered()).isFalse();
		ProcessOverrides.builder().set(ProcessOption.ORDERED, true).build().applyTo(builder);
		assertThat(builder.build().ordered()).isTrue();
		assertThat(builder.build().toBuilder().build().ordered()).isTrue();
		assertThat(ProcessOption.values()).contains(ProcessOption.ORDERED);
		assertThat(ProcessOption.ORDERED.name()).isEqualTo("ordered");
	}

}
