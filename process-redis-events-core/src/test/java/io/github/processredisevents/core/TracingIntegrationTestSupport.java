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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracing scenarios, run against a real Redis with each tracer a subclass sets up:
 * the handler's span continues the send span's trace on every delivery, through retries,
 * reclaims, dead letters and redrives; an entry without trace context starts a trace.
 */
abstract class TracingIntegrationTestSupport extends RedisEventsTestSupport {

	ObservationRegistry registry;

	RedisEvents traced;

	private JedisPooled client;

	/**
	 * A registry whose handlers report spans to this test's tracer.
	 */
	abstract ObservationRegistry createRegistry();

	/**
	 * The spans reported so far.
	 */
	abstract List<FinishedSpan> finishedSpans();

	@BeforeEach
	void tracedEngine(RedisEndpoint redis) {
		this.registry = createRegistry();
		this.client = new JedisPooled(redis.hostAndPort());
		this.traced = RedisEvents.builder(this.client).observationRegistry(this.registry).build();
	}

	@AfterEach
	void closeTracedEngine() {
		this.traced.close();
		this.client.close();
	}

	@Test
	void theHandlerSpanIsAChildOfTheSendSpanAndTheMdcNamesTheEntry() {
		RedisEventStream orders = this.traced.stream(this.stream.name());
		List<Map<String, String>> mdc = new CopyOnWriteArrayList<>();
		started(orders.process(options(Order.class).build(), (item) -> mdc.add(MDC.getCopyOfContextMap())));
		String id = Observation.createNotStarted("place-order", this.registry)
			.observe(() -> new RedisEventTemplate(this.traced).send(orders.name(), new Order("o-1", 12.5)));
		await().atMost(WAIT).until(() -> spansNamed("process " + orders.name()).size() == 1);
		FinishedSpan request = onlySpanNamed("place-order");
		FinishedSpan send = onlySpanNamed("send " + orders.name());
		FinishedSpan process = onlySpanNamed("process " + orders.name());
		assertThat(send.getTraceId()).isEqualTo(request.getTraceId());
		assertThat(send.getParentId()).isEqualTo(request.getSpanId());
		assertThat(send.getKind()).isEqualTo(Span.Kind.PRODUCER);
		assertThat(send.getTags()).containsEntry("messaging.system", "redis")
			.containsEntry("messaging.destination.name", orders.name())
			.containsEntry("messaging.operation.type", "send")
			.containsEntry("messaging.message.id", id);
		assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
		assertThat(process.getParentId()).isEqualTo(send.getSpanId());
		assertThat(process.getKind()).isEqualTo(Span.Kind.CONSUMER);
		assertThat(process.getTags()).containsEntry("messaging.system", "redis")
			.containsEntry("messaging.destination.name", orders.name())
			.containsEntry("messaging.consumer.group.name", "workers")
			.containsEntry("messaging.operation.type", "process")
			.containsEntry("messaging.message.id", id)
			.containsEntry("attempt", "1")
			.containsEntry("outcome", "success");
		assertThat(mdc).singleElement()
			.satisfies((context) -> assertThat(context).containsEntry("messaging.message.id", id)
				.containsEntry("messaging.destination.name", orders.name())
				.containsEntry("messaging.consumer.group.name", "workers")
				.containsEntry("attempt", "1"));
	}

	@Test
	void aRawXrangeShowsDataFirstAndTheTraceContextAfterIt() {
		RedisEventStream orders = this.traced.stream(this.stream.name());
		String id = Observation.createNotStarted("place-orders", this.registry).observe(() -> {
			orders.addAll(List.of(new Order("o-2", 1), new Order("o-3", 2)));
			return orders.add(new Order("o-1", 12.5));
		});
		FinishedSpan send = spansNamed("send " + orders.name()).get(1);
		List<List<String>> entries = rawRange(orders.key());
		assertThat(entries).hasSize(3);
		List<String> first = entries.get(2);
		assertThat(first.get(0)).isEqualTo(id);
		assertThat(first.subList(1, 3)).containsExactly("data", "{\"orderId\":\"o-1\",\"amount\":12.5}");
		assertThat(first.get(3)).isEqualTo("traceparent");
		assertThat(first.get(4)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").contains(send.getSpanId());
		assertThat(entries.get(1).get(1)).isEqualTo("data");
		assertThat(entries.get(1).get(3)).isEqualTo("traceparent");
		// the handle without observation writes data alone, as the other versions do
		String plain = this.stream.add(new Order("o-4", 3));
		assertThat(rawRange(orders.key()).get(3)).containsExactly(plain, "data",
				"{\"orderId\":\"o-4\",\"amount\":3.0}");
	}

	@Test
	void twoFailedAttemptsAndAReclaimByAnotherConsumerKeepTheTrace() {
		RedisEventStream orders = this.traced.stream(this.stream.name());
		redis().xgroupCreate(orders.key(), "workers", new StreamEntryID(), true);
		String id = Observation.createNotStarted("place-order", this.registry)
			.observe(() -> orders.add(new Order("o-1", 12.5)));
		// a consumer takes the entry and dies: another consumer reclaims it after the
		// lease
		redis().xreadGroup("workers", "gone", XReadGroupParams.xReadGroupParams().count(1),
				Map.of(orders.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		started(orders.process(options(Order.class).lease(java.time.Duration.ofMillis(400)).build(), (item) -> {
			attempts.add(item.attempts());
			if (attempts.size() <= 2) {
				throw new IllegalStateException("payment service down");
			}
		}));
		await().atMost(WAIT).until(() -> spansNamed("process " + orders.name()).size() == 3);
		assertThat(attempts).containsExactly(1, 2, 3);
		FinishedSpan send = onlySpanNamed("send " + orders.name());
		List<FinishedSpan> deliveries = spansNamed("process " + orders.name());
		assertThat(deliveries).allSatisfy((span) -> {
			assertThat(span.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(span.getParentId()).isEqualTo(send.getSpanId());
			assertThat(span.getTags()).containsEntry("messaging.message.id", id);
		});
		assertThat(deliveries).extracting((span) -> span.getTags().get("attempt")).containsExactly("2", "3", "4");
		assertThat(deliveries).extracting((span) -> span.getTags().get("outcome"))
			.containsExactly("retry", "retry", "success");
		assertThat(deliveries.get(0).getError()).hasMessage("payment service down");
	}

	@Test
	void aDeadLetterKeepsTheTraceContextAndARedriveCarriesItBack() {
		// a hash tag puts the dead letters in the stream's slot: written by a script
		for (String name : List.of(this.stream.name(), "{" + this.stream.name() + "}")) {
			RedisEventStream orders = this.traced.stream(name);
			AtomicBoolean failing = new AtomicBoolean(true);
			ListAppender<ILoggingEvent> logs = capture(Outcomes.class);
			try {
				started(orders.process(options(Order.class).maxAttempts(2).build(), (item) -> {
					if (failing.get()) {
						throw new IllegalStateException("card declined");
					}
				}));
				String id = Observation.createNotStarted("place-order", this.registry)
					.observe(() -> orders.add(new Order("o-1", 12.5)));
				await().atMost(WAIT).until(() -> orders.deadLetterStream().length() == 1);
				FinishedSpan send = onlySpanNamed("send " + name);
				String traceparent = rawRange(orders.key()).get(0).get(4);
				List<String> letter = rawRange(orders.deadLetterStream().key()).get(0);
				assertThat(letter.get(1)).isEqualTo("data");
				assertThat(letter.subList(3, 5)).containsExactly("traceparent", traceparent);
				await().atMost(WAIT).until(() -> spansNamed("process " + name).size() == 2);
				assertThat(spansNamed("process " + name)).extracting((span) -> span.getTags().get("outcome"))
					.containsExactly("retry", "dead_letter");
				assertThat(logs.list).filteredOn((event) -> event.getFormattedMessage().startsWith("Dead-lettered"))
					.singleElement()
					.satisfies(
							(event) -> assertThat(event.getMDCPropertyMap()).containsEntry("messaging.message.id", id)
								.containsEntry("messaging.destination.name", name)
								.containsEntry("messaging.consumer.group.name", "workers")
								.containsEntry("attempt", "2"));
				failing.set(false);
				assertThat(orders.redriveDeadLetters()).isEqualTo(1);
				await().atMost(WAIT).until(() -> spansNamed("process " + name).size() == 3);
				FinishedSpan redriven = spansNamed("process " + name).get(2);
				assertThat(redriven.getTags()).containsEntry("outcome", "success");
				assertThat(redriven.getTraceId()).isEqualTo(send.getTraceId());
				assertThat(redriven.getParentId()).isEqualTo(send.getSpanId());
				assertThat(rawRange(orders.key()).get(1).subList(3, 5)).containsExactly("traceparent", traceparent);
			}
			finally {
				((Logger) LoggerFactory.getLogger(Outcomes.class)).detachAppender(logs);
			}
		}
	}

	@Test
	void anEntryWithoutTraceContextStartsANewTrace() {
		RedisEventStream orders = this.traced.stream(this.stream.name());
		started(orders.process(options(Order.class).build(), (item) -> {
		}));
		Observation.createNotStarted("unrelated", this.registry).observe(() -> {
		});
		redis().xadd(orders.key(), XAddParams.xAddParams(), Map.of("data", "{\"orderId\":\"o-1\",\"amount\":1}"));
		await().atMost(WAIT).until(() -> spansNamed("process " + orders.name()).size() == 1);
		FinishedSpan process = onlySpanNamed("process " + orders.name());
		assertThat(process.getTraceId()).isNotEqualTo(onlySpanNamed("unrelated").getTraceId());
		assertThat(process.getParentId()).satisfiesAnyOf((parent) -> assertThat(parent).isNullOrEmpty(),
				(parent) -> assertThat(parent).matches("0+"));
		assertThat(process.getTags()).containsEntry("outcome", "success");
	}

	@Test
	void aBatchHandlersBatchIsOneObservation() {
		RedisEventStream orders = this.traced.stream(this.stream.name());
		Observation.createNotStarted("place-orders", this.registry)
			.observe(() -> orders.addAll(List.of(new Order("o-1", 1), new Order("o-2", 2), new Order("o-3", 3))));
		List<Map<String, String>> mdc = new CopyOnWriteArrayList<>();
		started(orders.processBatches(options(Order.class).build(), (items) -> mdc.add(MDC.getCopyOfContextMap())));
		await().atMost(WAIT).until(() -> !spansNamed("process " + orders.name()).isEmpty());
		FinishedSpan batch = onlySpanNamed("process " + orders.name());
		assertThat(batch.getTags()).containsEntry("messaging.batch.message_count", "3")
			.containsEntry("outcome", "success")
			.doesNotContainKey("messaging.message.id");
		assertThat(batch.getTraceId()).isNotEqualTo(onlySpanNamed("send " + orders.name()).getTraceId());
		assertThat(mdc).singleElement()
			.satisfies((context) -> assertThat(context).containsEntry("messaging.destination.name", orders.name())
				.doesNotContainKey("messaging.message.id"));
	}

	List<FinishedSpan> spansNamed(String name) {
		return finishedSpans().stream().filter((span) -> name.equals(span.getName())).toList();
	}

	FinishedSpan onlySpanNamed(String name) {
		List<FinishedSpan> spans = spansNamed(name);
		assertThat(spans).as("spans named '%s'", name).hasSize(1);
		return spans.get(0);
	}

	/**
	 * Each entry as {@code XRANGE} returns it: id, then field names and values in order.
	 */
	List<List<String>> rawRange(String key) {
		Object reply = redis().sendCommand(Protocol.Command.XRANGE, key, "-", "+");
		List<List<String>> entries = new ArrayList<>();
		for (Object entry : (List<?>) reply) {
			List<?> parts = (List<?>) entry;
			List<String> flat = new ArrayList<>();
			flat.add(text(parts.get(0)));
			for (Object field : (List<?>) parts.get(1)) {
				flat.add(text(field));
			}
			entries.add(flat);
		}
		return entries;
	}

	private static String text(Object value) {
		return new String((byte[]) value, StandardCharsets.UTF_8);
	}

	private static ListAppender<ILoggingEvent> capture(Class<?> type) {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
		return appender;
	}

}
