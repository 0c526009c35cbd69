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

package io.github.processredisevents.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.HandlerDescriptor;
import io.github.processredisevents.core.ProcessOption;
import io.github.processredisevents.core.ProcessOverrides;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.health.RedisEventsHealthIndicator;
import io.github.processredisevents.testsupport.SharedRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Handlers defined in code through a {@link RedisEventHandlerConfigurer}: one per tenant
 * stream, first-class members of the registry.
 */
class HandlersDefinedInCodeIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final List<String> handled = new CopyOnWriteArrayList<>();

	@Test
	void aHandlerPerTenantIsRegisteredInCodeAndBehavesLikeAnAnnotatedOne() {
		String prefix = SharedRedis.uniqueName("tenant");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TenantApplication.class)
			.web(WebApplicationType.NONE)
			.properties(SharedRedis.properties())
			.properties("test.prefix=" + prefix, "test.tenants=acme,globex", "redis-events.defaults.start-from=oldest",
					"redis-events.handlers.billing-acme.concurrency=3")
			.run()) {
			RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
			assertThat(registry.getHandlerIds()).contains("billing-acme", "billing-globex");
			// properties apply over what the code sets
			assertThat(registry.getOptions("billing-acme").concurrency()).isEqualTo(3);
			assertThat(registry.getOptions("billing-globex").concurrency()).isEqualTo(2);
			await().atMost(WAIT)
				.until(() -> registry.getState("billing-acme") == ProcessorState.RUNNING
						&& registry.getState("billing-globex") == ProcessorState.RUNNING);
			RedisEventTemplate template = context.getBean(RedisEventTemplate.class);
			template.send(prefix + "-acme", "a-1");
			template.sendAll(prefix + "-globex", List.of("g-1", "g-2"));
			await().atMost(WAIT).until(() -> handled.containsAll(List.of("acme:a-1", "globex:g-1", "globex:g-2")));
			// pause and resume
			registry.pause("billing-acme");
			assertThat(registry.getState("billing-acme")).isEqualTo(ProcessorState.PAUSED);
			template.send(prefix + "-acme", "a-2");
			registry.resume("billing-acme");
			await().atMost(WAIT).until(() -> handled.contains("acme:a-2"));
			// the Actuator endpoint, health and metrics see them
			RedisEvents events = context.getBean(RedisEvents.class);
			RedisEventsEndpoint endpoint = new RedisEventsEndpoint(events, registry, false, 20);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(endpoint.report().handlers())
					.filteredOn((handler) -> handler.id().equals("billing-acme"))
					.singleElement()
					.extracting(HandlerDescriptor::processed)
					.isEqualTo(2L));
			Map<String, Object> health = new RedisEventsHealthIndicator(events, registry).health().getDetails();
			assertThat(health.get("handlers")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsKeys("billing-acme", "billing-globex");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("redis.stream.messages.processed").tag("stream_name", prefix + "-globex").counters())
				.isNotEmpty();
		}
	}

	@Test
	void aHandlerDefinedInCodeConsumesEveryPartitionOfItsStream() {
		String prefix = SharedRedis.uniqueName("tenant");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TenantApplication.class)
			.web(WebApplicationType.NONE)
			.properties(SharedRedis.properties())
			.properties("test.prefix=" + prefix, "test.tenants=acme,globex", "redis-events.defaults.start-from=oldest",
					"redis-events.streams." + prefix + "-acme.partitions=3",
					"redis-events.streams." + prefix + "-globex.partitions=3")
			.run()) {
			RedisEventTemplate template = context.getBean(RedisEventTemplate.class);
			template.sendAll(prefix + "-acme", List.of("p-1", "p-2", "p-3"));
			template.sendAll(prefix + "-globex", List.of("p-1", "p-2", "p-3"));
			await().atMost(WAIT)
				.until(() -> handled.containsAll(
						List.of("acme:p-1", "acme:p-2", "acme:p-3", "globex:p-1", "globex:p-2", "globex:p-3")));
			RedisEvents events = context.getBean(RedisEvents.class);
			assertThat(events.partitionedStream(prefix + "-acme").partitions())
				.allSatisfy((partition) -> assertThat(partition.length()).isEqualTo(1));
		}
	}

	@Test
	void anOrderedBatchHandlerDefinedInCodeFailsAtStartupSayingWhy() {
		String prefix = SharedRedis.uniqueName("tenant");
		SpringApplicationBuilder application = new SpringApplicationBuilder(TenantApplication.class)
			.web(WebApplicationType.NONE)
			.properties(SharedRedis.properties())
			.properties("test.prefix=" + prefix, "test.tenants=globex",
					"redis-events.handlers.billing-globex.ordered=true",
					"redis-events.streams." + prefix + "-globex.partition-key=/account");
		assertThatIllegalStateException().isThrownBy(application::run)
			.withMessage("Handler 'billing-globex' defined in code: ordered is true (from"
					+ " redis-events.handlers.billing-globex.ordered, redis-events.defaults.ordered or a"
					+ " ProcessOptionsCustomizer), but the handler is a BatchHandler: a batch holds the entries of"
					+ " many keys in one call, while an ordered handler is given each key's entries one at a time,"
					+ " each after the one before it has finished. Define it with handler(...) instead of"
					+ " batchHandler(...), or turn ordered off for this handler.");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TenantApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		RedisEventHandlerConfigurer tenantHandlers(Environment environment) {
			String prefix = environment.getRequiredProperty("test.prefix");
			List<String> tenants = List.of(environment.getRequiredProperty("test.tenants", String[].class));
			return (registrar) -> {
				for (String tenant : tenants) {
					SimpleRedisEventHandlerEndpoint.Builder<String> handler = SimpleRedisEventHandlerEndpoint
						.builder(String.class)
						.id("billing-" + tenant)
						.stream(prefix + "-" + tenant)
						.group("billing")
						.overrides(ProcessOverrides.builder().set(ProcessOption.CONCURRENCY, 2).build());
					if (tenant.equals("globex")) {
						handler
							.batchHandler((items) -> items.forEach((item) -> handled.add(tenant + ":" + item.data())));
					}
					else {
						handler.handler((item) -> handled.add(tenant + ":" + item.data()));
					}
					registrar.register(handler.build());
				}
			};
		}

	}

}
