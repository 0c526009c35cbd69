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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the threads handlers run on: platform threads named after the stream and
 * group by default, virtual threads named after the handler with
 * {@code spring.threads.virtual.enabled=true} on Java 21 or later, the application's
 * {@link TaskDecorator} around every call. The virtual-thread test runs in the
 * {@code virtual-threads} execution of this module's build, on a JDK 21 or later.
 */
class HandlerThreadsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String stream = SharedRedis.uniqueName("threads");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class))
		.withPropertyValues(SharedRedis.properties())
		.withPropertyValues("test.stream=" + this.stream, "redis-events.defaults.start-from=oldest",
				"redis-events.handlers.counted.concurrency=2")
		.withUserConfiguration(HandlerConfiguration.class);

	@Test
	void handlersRunOnPlatformThreadsNamedAfterStreamAndGroupByDefault() {
		this.contextRunner.run((context) -> {
			Handler handler = addAndAwait(context, 3);
			// a quick handler may also run on the handler's fetch thread
			assertThat(handler.threads).allSatisfy((thread) -> {
				assertThat(thread.getName()).startsWith("redis-events-" + this.stream + "-")
					.matches(".*-(counted-worker-\\d+|fetch)");
				assertThat(isVirtual(thread)).isFalse();
			});
			assertThat(handler.threads.get(0).getName()).contains("-counted-worker-");
		});
	}

	@Test
	void aTaskDecoratorBeanWrapsEveryHandlerCall() {
		this.contextRunner.withUserConfiguration(DecoratorConfiguration.class).run((context) -> {
			Handler handler = addAndAwait(context, 3);
			assertThat(handler.contexts).containsExactly("decorated", "decorated", "decorated");
		});
	}

	@Test
	void theApplicationsCustomizerCanSetTheExecutor() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.withBean(ProcessOptionsCustomizer.class,
					() -> (id, builder) -> builder.executor(Executors.newCachedThreadPool((task) -> {
						Thread thread = new Thread(task, "application-" + id);
						thread.setDaemon(true);
						return thread;
					})))
			.run((context) -> {
				Handler handler = addAndAwait(context, 1);
				assertThat(handler.threads.get(0).getName()).isEqualTo("application-counted");
			});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsAreIgnoredBeforeJava21LikeSpringBootDoes() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Handler handler = addAndAwait(context, 1);
			assertThat(handler.threads.get(0).getName()).startsWith("redis-events-" + this.stream + "-counted-worker-");
			assertThat(isVirtual(handler.threads.get(0))).isFalse();
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21 or later; the"
			+ " virtual-threads execution of this module's build runs this test on JDK 25")
	void withVirtualThreadsEnabledHandlersRunOnVirtualThreadsAtMostConcurrencyAtOnce() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.withUserConfiguration(DecoratorConfiguration.class)
			.run((context) -> {
				Handler handler = context.getBean(Handler.class);
				handler.hold = new CountDownLatch(1);
				RedisEventTemplate template = context.getBean(RedisEventTemplate.class);
				for (int i = 0; i < 8; i++) {
					template.send(this.stream, "entry-" + i);
				}
				await().atMost(WAIT).until(() -> handler.running.get() == 2);
				// the other six are fetched and queued; virtual threads would run them
				// all
				await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> handler.running.get() == 2);
				handler.hold.countDown();
				await().atMost(WAIT).until(() -> handler.threads.size() == 8);
				assertThat(handler.mostAtOnce).hasValue(2);
				assertThat(handler.contexts).containsOnly("decorated");
				assertThat(handler.threads).allSatisfy((thread) -> {
					assertThat(isVirtual(thread)).isTrue();
					assertThat(thread.getName()).startsWith("redis-events-counted-worker-");
				});
			});
	}

	private Handler addAndAwait(AssertableApplicationContext context, int count) {
		assertThat(context).hasNotFailed();
		Handler handler = context.getBean(Handler.class);
		RedisEventTemplate template = context.getBean(RedisEventTemplate.class);
		for (int i = 0; i < count; i++) {
			template.send(this.stream, "entry-" + i);
		}
		await().atMost(WAIT).until(() -> handler.threads.size() == count);
		return handler;
	}

	private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
		if (Runtime.version().feature() < 21) {
			return false;
		}
		// this module compiles for Java 17, which has no Thread.isVirtual()
		return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		Handler handler() {
			return new Handler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DecoratorConfiguration {

		@Bean
		TaskDecorator mdcDecorator() {
			return (task) -> () -> {
				MDC.put("context", "decorated");
				try {
					task.run();
				}
				finally {
					MDC.remove("context");
				}
			};
		}

	}

	static class Handler {

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		final List<String> contexts = new CopyOnWriteArrayList<>();

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		volatile CountDownLatch hold = new CountDownLatch(0);

		@RedisEventHandler(id = "counted", stream = "${test.stream}", group = "counted")
		void handle(String entry) throws InterruptedException {
			this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			this.hold.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			this.running.decrementAndGet();
			this.contexts.add(String.valueOf(MDC.get("context")));
			this.threads.add(Thread.currentThread());
		}

	}

}
