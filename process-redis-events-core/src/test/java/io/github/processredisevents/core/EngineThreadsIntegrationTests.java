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
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.JedisPooled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No engine thread dies silently: whatever a client throws, the acknowledger carries on
 * and sends again what Redis did not confirm; an {@link Error} that ends a thread is
 * logged and named in the processor's health. Each test runs its own redis-server and a
 * client that fails on demand.
 */
@ExtendWith(RealRedis.class)
class EngineThreadsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void theAcknowledgerCarriesOnAfterAnyRuntimeExceptionAndSendsAgainWhatWasNotConfirmed() {
		try (RedisServer server = RedisServer.start(); FailingClient client = new FailingClient(server)) {
			// what Jedis 7's cluster pipeline leaves after a failover: a response that
			// cannot be read
			client.failWith(() -> new IllegalStateException(
					"Please close pipeline or multi block before calling this method."));
			RedisEvents events = RedisEvents.builder(client).build();
			RedisEventStream stream = events.stream("orders");
			StreamProcessor processor = stream.process(options(Duration.ofSeconds(30)), (item) -> {
			});
			for (int i = 0; i < 20; i++) {
				stream.add(i);
			}
			await().atMost(WAIT).until(() -> processor.stats().processed() == 20);
			await().atMost(WAIT).until(() -> processor.health().unsentAcknowledgements() == 20);
			assertThat(stream.consumerGroups().get(0).pending()).isEqualTo(20);
			assertThat(processor.health().lastError()).contains("Please close pipeline");
			assertThat(ackThread()).isNotNull();
			client.failWith(null);
			await().atMost(WAIT).until(() -> stream.consumerGroups().get(0).pending() == 0);
			await().atMost(WAIT).until(() -> processor.health().unsentAcknowledgements() == 0);
			assertThat(processor.health().healthy()).isTrue();
			assertThat(processor.stats().processed()).isEqualTo(20);
			events.close();
		}
	}

	@Test
	void acknowledgementsThatCannotBeSentForALeaseMakeTheProcessorUnhealthyUntilTheyAre() {
		try (RedisServer server = RedisServer.start(); FailingClient client = new FailingClient(server)) {
			client.failWith(() -> new IllegalStateException("unreadable response"));
			RedisEvents events = RedisEvents.builder(client).build();
			RedisEventStream stream = events.stream("orders");
			StreamProcessor processor = stream.process(options(Duration.ofSeconds(2)), (item) -> {
			});
			stream.add(1);
			await().atMost(WAIT).until(() -> processor.health().acknowledgementsStalled());
			assertThat(processor.health().healthy()).isFalse();
			assertThat(processor.health().loopAlive()).isTrue();
			client.failWith(null);
			await().atMost(WAIT).until(() -> processor.health().healthy());
			await().atMost(WAIT).until(() -> stream.consumerGroups().get(0).pending() == 0);
			events.close();
		}
	}

	@Test
	void anErrorThatEndsAnEngineThreadIsLoggedAndNamedInHealth() {
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger(DeadThreads.class);
		logs.start();
		logger.addAppender(logs);
		try (RedisServer server = RedisServer.start(); FailingClient client = new FailingClient(server)) {
			client.failWith(() -> new StackOverflowError("injected"));
			RedisEvents events = RedisEvents.builder(client).build();
			RedisEventStream stream = events.stream("orders");
			StreamProcessor processor = stream.process(options(Duration.ofSeconds(30)), (item) -> {
			});
			stream.add(1);
			String ackThread = AcknowledgementSender.THREAD_NAME;
			await().atMost(WAIT).until(() -> !processor.health().deadThreads().isEmpty());
			ProcessorHealth health = processor.health();
			assertThat(health.deadThreads()).containsExactly(ackThread);
			assertThat(health.healthy()).isFalse();
			assertThat(logs.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.ERROR);
				assertThat(event.getFormattedMessage()).contains(ackThread);
				assertThat(event.getThrowableProxy().getMessage()).isEqualTo("injected");
			});
			events.close();
		}
		finally {
			logger.detachAppender(logs);
		}
	}

	private static ProcessOptions<Integer> options(Duration lease) {
		return ProcessOptions.builder(Integer.class).group("g").startFrom(StartFrom.OLDEST).lease(lease).build();
	}

	private static @Nullable Thread ackThread() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().equals(AcknowledgementSender.THREAD_NAME))
			.findFirst()
			.orElse(null);
	}

	/**
	 * A real client whose pipelines and {@code XACK} commands fail on demand, the way the
	 * acknowledger meets them.
	 */
	private static final class FailingClient extends JedisPooled {

		private volatile @Nullable Supplier<? extends Throwable> failure;

		FailingClient(RedisServer server) {
			super(server.host(), server.port());
		}

		void failWith(@Nullable Supplier<? extends Throwable> failure) {
			this.failure = failure;
		}

		@Override
		public Pipeline pipelined() {
			failIfAsked();
			return super.pipelined();
		}

		@Override
		public long xack(String key, String group, StreamEntryID... ids) {
			failIfAsked();
			return super.xack(key, group, ids);
		}

		private void failIfAsked() {
			Supplier<? extends Throwable> current = this.failure;
			if (current != null) {
				Throwable failure = current.get();
				if (failure instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) failure;
			}
		}

	}

}
