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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer names against a real Redis: a given consumer id is kept across restarts, a
 * second live process with the same id is warned about, and idle consumers that hold no
 * entries are removed while those that hold entries are kept.
 */
class ConsumerNamesIntegrationTests extends RedisEventsTestSupport {

	@Test
	void aGivenConsumerIdIsUsedSoRestartsAddNoConsumers() {
		for (int run = 0; run < 3; run++) {
			StreamProcessor processor = process(options(Order.class).consumerId("worker-1").build(), (item) -> {
			});
			assertThat(processor.consumerId()).isEqualTo("worker-1");
			this.stream.add(new Order("o-" + run, 1));
			awaitNothingPending("workers");
			processor.stop();
		}
		assertThat(consumers()).containsOnlyKeys("worker-1");
	}

	@Test
	void aSecondLiveProcessWithTheSameConsumerIdIsWarnedAbout() throws Exception {
		ListAppender<ILoggingEvent> log = capture(GroupConsumers.class);
		CountDownLatch handling = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		process(options(Order.class).consumerId("twin").build(), (item) -> {
			handling.countDown();
			release.await();
		});
		this.stream.add(new Order("o-1", 1));
		assertThat(handling.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(log.list).isEmpty();
		process(options(Order.class).consumerId("twin").build(), (item) -> {
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((message) -> assertThat(message)
					.startsWith("Consumer id 'twin' of group 'workers' on stream '" + this.stream.name()
							+ "' is probably in use by another process that still runs")
					.contains("entries can be handled twice")));
		release.countDown();
		awaitNothingPending("workers");
	}

	@Test
	void idleConsumersHoldingNoEntriesAreRemovedAndThoseHoldingEntriesAreKept() {
		redis().xgroupCreate(this.stream.key(), "workers", new StreamEntryID(), true);
		this.stream.add(new Order("held", 1));
		redis().xreadGroup("workers", "gone-holding", XReadGroupParams.xReadGroupParams().count(1),
				Map.of(this.stream.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
		redis().xgroupCreateConsumer(this.stream.key(), "workers", "gone-empty");
		await().atMost(WAIT)
			.until(() -> consumers().values().stream().allMatch((consumer) -> consumer.getIdle() >= 300));
		StreamProcessor processor = process(
				options(Order.class).removeIdleConsumersAfter(Duration.ofMillis(300)).build(), (item) -> {
				});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(consumers()).doesNotContainKey("gone-empty").containsKey("gone-holding"));
		assertThat(consumers().get("gone-holding").getPending()).isEqualTo(1);
		assertThat(processor.state()).isEqualTo(ProcessorState.RUNNING);
	}

	@Test
	void removingIdleConsumersCanBeTurnedOff() {
		redis().xgroupCreate(this.stream.key(), "workers", new StreamEntryID(), true);
		redis().xgroupCreateConsumer(this.stream.key(), "workers", "gone-empty");
		await().atMost(WAIT).until(() -> consumers().get("gone-empty").getIdle() >= 300);
		StreamProcessor processor = process(options(Order.class).removeIdleConsumersAfter(Duration.ZERO).build(),
				(item) -> {
				});
		this.stream.add(new Order("o-1", 1));
		awaitNothingPending("workers");
		assertThat(consumers()).containsKeys(processor.consumerId(), "gone-empty");
	}

	private Map<String, StreamConsumerInfo> consumers() {
		List<StreamConsumerInfo> consumers = redis().xinfoConsumers2(this.stream.key(), "workers");
		return consumers.stream()
			.collect(java.util.stream.Collectors.toMap(StreamConsumerInfo::getName, (consumer) -> consumer));
	}

	private static ListAppender<ILoggingEvent> capture(Class<?> type) {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
		return appender;
	}

}
