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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a handler costs: the processors of one engine share one acknowledgement thread and
 * two scheduler threads, so an idle handler keeps one thread of its own (its blocking
 * read) and one Redis connection for it.
 */
@ExtendWith(RealRedis.class)
class HandlerCostIntegrationTests {

	private static final int HANDLERS = 20;

	@Test
	void idleHandlersOfOneEngineKeepOneThreadEachAndShareTheRest() {
		try (RedisServer server = RedisServer.start();
				RedisEvents events = RedisEvents.connect(new HostAndPort(server.host(), server.port()));
				Jedis admin = new Jedis(server.host(), server.port())) {
			AtomicInteger handled = new AtomicInteger();
			List<StreamProcessor> processors = new ArrayList<>();
			for (int i = 0; i < HANDLERS; i++) {
				processors.add(events.stream("cost-" + i)
					.process(ProcessOptions.builder(String.class)
						.group("g")
						.startFrom(StartFrom.OLDEST)
						.lease(Duration.ofSeconds(2))
						.build(), (item) -> handled.incrementAndGet()));
			}
			for (int i = 0; i < HANDLERS; i++) {
				events.stream("cost-" + i).add("entry");
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == HANDLERS);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> processors.stream()
					.allMatch((processor) -> processor.health().unsentAcknowledgements() == 0
							&& processor.stats().inFlight() == 0));
			// the workers that ran the entries end once idle
			await().atMost(Workers.IDLE_THREAD_TIMEOUT.plusSeconds(20)).until(() -> threads("-worker-").isEmpty());
			for (StreamProcessor processor : processors) {
				assertThat(threads(processor.consumerId())).as("threads of %s", processor.consumerId())
					.containsExactly("redis-events-" + processor.stream() + "-" + processor.consumerId() + "-fetch");
			}
			assertThat(threads(AcknowledgementSender.THREAD_NAME)).hasSize(1);
			assertThat(threads("redis-events-scheduler-")).hasSizeLessThanOrEqualTo(SharedThreads.SCHEDULER_THREADS);
			for (StreamProcessor processor : processors) {
				assertThat(processor.health().healthy()).isTrue();
				assertThat(processor.stream()).satisfies((stream) -> assertThat(pending(admin, stream)).isZero());
			}
		}
		assertThat(threads(AcknowledgementSender.THREAD_NAME)).isEmpty();
		assertThat(threads("redis-events-scheduler-")).isEmpty();
	}

	private static long pending(Jedis admin, String stream) {
		return admin.xpending("stream:" + stream, "g").getTotal();
	}

	private static List<String> threads(String part) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().contains(part))
			.map(Thread::getName)
			.toList();
	}

}
