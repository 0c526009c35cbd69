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
import java.util.function.BiPredicate;
import java.util.function.Function;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.annotation.RedisEventHandlerBeanPostProcessor;
import io.github.processredisevents.config.MethodRedisEventHandlerEndpoint;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.Backoff;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.QueueItem;
import io.github.processredisevents.core.testsupport.RedisServer;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventsAutoConfiguration}: conditions, back-off, connection
 * details and the precedence of handler settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisEventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class));

	@Test
	void createsClientEngineTemplateAndRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UnifiedJedis.class);
			assertThat(context).hasSingleBean(RedisEvents.class);
			assertThat(context).hasSingleBean(RedisEventTemplate.class);
			assertThat(context).hasSingleBean(RedisEventHandlerRegistry.class);
			assertThat(context).hasSingleBean(RedisEventHandlerBeanPostProcessor.class);
			assertThat(context.getBean(RedisEvents.class).keyPrefix()).isEqualTo("stream:");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("redis-events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEvents.class)
				.doesNotHaveBean(RedisEventTemplate.class)
				.doesNotHaveBean(RedisEventHandlerRegistry.class));
	}

	@Test
	void backsOffWithoutJedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(UnifiedJedis.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEvents.class));
	}

	@Test
	void backsOffWithoutCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisEventTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEvents.class));
	}

	@Test
	void backsOffWhenUserDefinesClient() {
		this.contextRunner.withBean("myJedis", UnifiedJedis.class, () -> new JedisPooled("127.0.0.1", 1))
			.run((context) -> {
				assertThat(context).hasSingleBean(UnifiedJedis.class).hasBean("myJedis");
				assertThat(context.getBean(RedisEvents.class).client()).isSameAs(context.getBean("myJedis"));
			});
	}

	@Test
	void backsOffWhenUserDefinesEngine() {
		this.contextRunner
			.withBean("myEvents", RedisEvents.class,
					() -> RedisEvents.builder(new JedisPooled("127.0.0.1", 1)).keyPrefix("mine:").build())
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisEvents.class).hasBean("myEvents");
				assertThat(context.getBean(RedisEventTemplate.class).getRedisEvents().keyPrefix()).isEqualTo("mine:");
			});
	}

	@Test
	void backsOffWhenUserDefinesTemplate() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RedisEventTemplate.class).hasBean("myTemplate"));
	}

	@Test
	void appliesKeyPrefix() {
		this.contextRunner.withPropertyValues("redis-events.key-prefix=jobs:")
			.run((context) -> assertThat(context.getBean(RedisEvents.class).stream("orders").key())
				.isEqualTo("jobs:orders"));
	}

	@Test
	void usesTheApplicationsJsonMapper() {
		JsonMapper mapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		this.contextRunner.withBean(JsonMapper.class, () -> mapper)
			.run((context) -> assertThat(context.getBean(RedisEvents.class).jsonMapper()).isSameAs(mapper));
	}

	@Test
	void connectsWithSpringDataRedisProperties() {
		String stream = SharedRedis.uniqueName("props");
		this.contextRunner.withPropertyValues(SharedRedis.properties())
			.withPropertyValues("spring.data.redis.database=3")
			.run((context) -> {
				context.getBean(RedisEventTemplate.class).send(stream, new Order("o-1", 12.5));
				try (UnifiedJedis check = new UnifiedJedis(SharedRedis.endpoint().hostAndPort(),
						DefaultJedisClientConfig.builder().database(3).build())) {
					List<StreamEntry> entries = check.xrange("stream:" + stream, "-", "+");
					assertThat(entries).hasSize(1);
					assertThat(entries.get(0).getFields()).containsOnlyKeys("data");
					assertThat(entries.get(0).getFields().get("data")).isEqualTo("{\"id\":\"o-1\",\"amount\":12.5}");
				}
			});
	}

	@Test
	void connectsWithConnectionDetailsBeanAsAServiceConnectionDoes() {
		String stream = SharedRedis.uniqueName("details");
		HostAndPort address = SharedRedis.endpoint().hostAndPort();
		DataRedisConnectionDetails details = new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of(address.getHost(), address.getPort());
			}

		};
		this.contextRunner.withPropertyValues("spring.data.redis.port=1")
			.withBean(DataRedisConnectionDetails.class, () -> details)
			.run((context) -> {
				String id = context.getBean(RedisEventTemplate.class).send(stream, "hello");
				try (UnifiedJedis check = new UnifiedJedis(address)) {
					assertThat(check.xlen("stream:" + stream)).isEqualTo(1);
					assertThat(id).isNotBlank();
				}
			});
	}

	@Test
	void failsAtStartupWithoutRedisWhenFailFastIsOn() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("spring.data.redis.port=" + RedisServer.freePort(), "redis-events.fail-fast=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(JedisConnectionException.class);
				assertThat(context.getStartupFailure()).hasStackTraceContaining("Cannot reach Redis at localhost:")
					.hasStackTraceContaining("redis-events.fail-fast is true");
			});
	}

	@Test
	void startsWithoutRedisByDefault() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("spring.data.redis.port=" + RedisServer.freePort())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RedisEventHandlerRegistry.class));
	}

	@Test
	void appliesBuiltInDefaultsWhenNothingIsSet() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class).run((context) -> {
			ProcessOptions<?> options = options(context.getBean(RedisEventHandlerRegistry.class), "plain");
			assertThat(options.concurrency()).isEqualTo(ProcessOptions.DEFAULT_CONCURRENCY);
			assertThat(options.batchSize()).isEqualTo(ProcessOptions.DEFAULT_BATCH_SIZE);
			assertThat(options.lease()).isEqualTo(ProcessOptions.DEFAULT_LEASE);
			assertThat(options.startFrom()).isEqualTo(StartFrom.LATEST);
			assertThat(options.maxAttempts()).isZero();
			assertThat(options.deadLetter()).isTrue();
			assertThat(options.produceEvents()).isFalse();
			assertThat(options.backoff()).isEqualTo(Backoff.DEFAULT);
			assertThat(options.shutdownTimeout()).isEqualTo(ProcessOptions.DEFAULT_SHUTDOWN_TIMEOUT);
			assertThat(options.payloadType()).isEqualTo(Order.class);
			assertThat(options.group()).isEqualTo("g");
		});
	}

	@Test
	void defaultsPropertiesApplyWhereTheAnnotationIsSilent() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.defaults.concurrency=3", "redis-events.defaults.batch-size=7",
					"redis-events.defaults.lease=5s", "redis-events.defaults.start-from=oldest",
					"redis-events.defaults.max-attempts=9", "redis-events.defaults.dead-letter=false",
					"redis-events.defaults.produce-events=true", "redis-events.defaults.backoff.initial=200ms",
					"redis-events.defaults.backoff.multiplier=3", "redis-events.defaults.backoff.max=10s",
					"redis-events.shutdown-timeout=4s")
			.run((context) -> {
				RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
				ProcessOptions<?> plain = options(registry, "plain");
				assertThat(plain.concurrency()).isEqualTo(3);
				assertThat(plain.batchSize()).isEqualTo(7);
				assertThat(plain.lease()).isEqualTo(Duration.ofSeconds(5));
				assertThat(plain.startFrom()).isEqualTo(StartFrom.OLDEST);
				assertThat(plain.maxAttempts()).isEqualTo(9);
				assertThat(plain.deadLetter()).isFalse();
				assertThat(plain.produceEvents()).isTrue();
				assertThat(plain.backoff()).isEqualTo(new Backoff(Duration.ofMillis(200), 3, Duration.ofSeconds(10)));
				assertThat(plain.shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
				ProcessOptions<?> tuned = options(registry, "tuned");
				assertThat(tuned.concurrency()).isEqualTo(4);
				assertThat(tuned.batchSize()).isEqualTo(2);
				assertThat(tuned.lease()).isEqualTo(Duration.ofSeconds(10));
				assertThat(tuned.startFrom()).isEqualTo(StartFrom.LATEST);
				assertThat(tuned.maxAttempts()).isEqualTo(5);
				assertThat(tuned.deadLetter()).isTrue();
				assertThat(tuned.produceEvents()).isFalse();
			});
	}

	@Test
	void handlerPropertiesOverrideTheAnnotation() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.defaults.concurrency=3", "redis-events.handlers.tuned.concurrency=8",
					"redis-events.handlers.tuned.lease=1500", "redis-events.handlers.tuned.max-attempts=0",
					"redis-events.handlers.tuned.backoff.initial=50ms", "redis-events.defaults.backoff.max=2s")
			.run((context) -> {
				ProcessOptions<?> tuned = options(context.getBean(RedisEventHandlerRegistry.class), "tuned");
				assertThat(tuned.concurrency()).isEqualTo(8);
				assertThat(tuned.lease()).isEqualTo(Duration.ofMillis(1500));
				assertThat(tuned.maxAttempts()).isZero();
				assertThat(tuned.batchSize()).isEqualTo(2);
				assertThat(tuned.backoff()).isEqualTo(new Backoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(2)));
			});
	}

	@Test
	void consumerIdsComeFromPropertiesWithPlaceholders() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("pod.name=pod-7", "redis-events.defaults.consumer-id=${pod.name}",
					"redis-events.handlers.tuned.consumer-id=${pod.name}-billing")
			.run((context) -> {
				RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
				assertThat(options(registry, "plain").consumerId()).isEqualTo("pod-7");
				assertThat(options(registry, "tuned").consumerId()).isEqualTo("pod-7-billing");
			});
	}

	@Test
	void timeoutComesFromDefaultsAnnotationAndHandlerProperties() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.defaults.timeout=30s")
			.run((context) -> {
				RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
				assertThat(options(registry, "plain").timeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(options(registry, "tuned").timeout()).isEqualTo(Duration.ofMinutes(2));
			});
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.tuned.timeout=1500", "redis-events.handlers.plain.timeout=0")
			.run((context) -> {
				RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
				assertThat(options(registry, "tuned").timeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(options(registry, "plain").timeout()).isNull();
			});
	}

	@Test
	void idleConsumersAreRemovedAfterAnHourUnlessConfiguredOtherwise() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.tuned.remove-idle-consumers-after=0")
			.run((context) -> {
				RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
				assertThat(options(registry, "plain").removeIdleConsumersAfter()).isEqualTo(Duration.ofHours(1));
				assertThat(options(registry, "tuned").removeIdleConsumersAfter()).isZero();
			});
	}

	@Test
	void failsOnNegativeTimeoutNamingTheProperty() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.tuned.timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis-events.handlers.tuned.timeout")
				.hasMessageContaining("'timeout' must not be negative"));
	}

	@Test
	void warnsAboutSettingsForUnknownHandlers(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.tunde.concurrency=3")
			.run((context) -> assertThat(output)
				.contains("redis-events.handlers has settings for [tunde], but there are no handlers with these ids"));
	}

	@Test
	void resolvesPlaceholdersInAttributes() {
		this.contextRunner.withUserConfiguration(PlaceholderHandlerConfiguration.class)
			.withPropertyValues("app.stream=invoices", "app.concurrency=6", "app.lease=2m")
			.run((context) -> {
				RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
				assertThat(registry.getHandlerIds()).containsExactly("invoices-billing");
				assertThat(registry.getEndpoint("invoices-billing").getStream()).isEqualTo("invoices");
				ProcessOptions<?> options = options(registry, "invoices-billing");
				assertThat(options.concurrency()).isEqualTo(6);
				assertThat(options.lease()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void appliesCustomizersLast() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.plain.batch-size=5")
			.withBean(ProcessOptionsCustomizer.class,
					() -> (id, builder) -> builder.consumerId(id + "-consumer").batchSize(11))
			.run((context) -> {
				ProcessOptions<?> options = options(context.getBean(RedisEventHandlerRegistry.class), "plain");
				assertThat(options.consumerId()).isEqualTo("plain-consumer");
				assertThat(options.batchSize()).isEqualTo(11);
			});
	}

	@Test
	void readsPayloadTypesFromTheMethodSignature() {
		this.contextRunner.withUserConfiguration(SignatureConfiguration.class).run((context) -> {
			RedisEventHandlerRegistry registry = context.getBean(RedisEventHandlerRegistry.class);
			assertThat(options(registry, "item").payloadType()).isEqualTo(Order.class);
			assertThat(options(registry, "both").payloadType()).isEqualTo(Order.class);
			assertThat(options(registry, "batch").payloadType()).isEqualTo(Order.class);
			assertThat(methodEndpoint(registry, "batch").isBatch()).isTrue();
			assertThat(methodEndpoint(registry, "list").isBatch()).isFalse();
			assertThat(options(registry, "list").payloadType().getTypeName())
				.isEqualTo("java.util.List<" + Order.class.getName() + ">");
			assertThat(options(registry, "mapped").payloadType()).isEqualTo(Order.class);
			assertThat(methodEndpoint(registry, "mapped").getHandlerPayloadType()).isEqualTo(String.class);
			assertThat(options(registry, "mapped").notRetryable()).containsExactly(IllegalArgumentException.class);
		});
	}

	@Test
	void failsOnInvalidDefaultsProperty() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.defaults.batch-size=0")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis-events.defaults.batch-size")
				.hasMessageContaining("'batchSize' must be greater than zero"));
	}

	@Test
	void failsOnInvalidHandlerProperty() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.tuned.lease=10ms")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis-events.handlers.tuned.lease")
				.hasMessageContaining("'lease' must be at least 100ms"));
	}

	@Test
	void failsOnInvalidBackoffProperty() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.handlers.tuned.backoff.multiplier=0.5")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis-events.handlers.tuned.backoff.multiplier"));
	}

	@Test
	void failsOnBackoffMaxBelowInitialNamingTheMaxProperty() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("redis-events.defaults.backoff.initial=5s",
					"redis-events.handlers.tuned.backoff.max=1s")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis-events.handlers.tuned.backoff.max")
				.hasMessageContaining("'max' must not be less than 'initial'"));
	}

	@Test
	void failsOnUnparsableAttributeNamingBeanMethodAndAttribute() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("app.bad-concurrency=four")
			.withUserConfiguration(BadAttributeConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("bean 'badHandler'")
				.hasMessageContaining("BadHandler.on(RedisEventsAutoConfigurationTests.Order)")
				.hasMessageContaining("attribute 'concurrency' must be an integer, but was 'four'"));
	}

	@Test
	void failsOnOutOfRangeAttributeNamingHandlerAndAttribute() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("app.bad-concurrency=0")
			.withUserConfiguration(BadAttributeConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("@RedisEventHandler 'bad'")
				.hasMessageContaining("'concurrency' must be greater than zero"));
	}

	@Test
	void failsOnDuplicateHandlerIds() {
		this.contextRunner.withUserConfiguration(DuplicateConfiguration.class)
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("Duplicate handler id 'same'"));
	}

	@Test
	void failsOnMissingShouldRetryBean() {
		this.contextRunner.withUserConfiguration(MissingBeanConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("attribute 'shouldRetry' names bean 'nope', which does not exist"));
	}

	@Test
	void failsOnMethodWithWrongParameters() {
		this.contextRunner.withUserConfiguration(WrongParametersConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("must take the payload, its QueueItem, or both (payload first)"));
	}

	private static MethodRedisEventHandlerEndpoint methodEndpoint(RedisEventHandlerRegistry registry, String id) {
		return (MethodRedisEventHandlerEndpoint) registry.getEndpoint(id);
	}

	private static ProcessOptions<?> options(RedisEventHandlerRegistry registry, String id) {
		ProcessOptions<?> options = registry.getOptions(id);
		assertThat(options).as("options of handler '%s'", id).isNotNull();
		return options;
	}

	record Order(String id, double amount) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		RedisEventTemplate myTemplate(RedisEvents events) {
			return new RedisEventTemplate(events);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@RedisEventHandler(id = "plain", stream = "orders", group = "g", autoStartup = "false")
		void plain(Order order) {
		}

		@RedisEventHandler(id = "tuned", stream = "orders", group = "billing", concurrency = "4", batchSize = "2",
				lease = "10s", startFrom = "latest", maxAttempts = "5", deadLetter = "true", produceEvents = "false",
				timeout = "2m", autoStartup = "false")
		void tuned(QueueItem<Order> item) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderHandlerConfiguration {

		@Bean
		PlaceholderHandler placeholderHandler() {
			return new PlaceholderHandler();
		}

	}

	static class PlaceholderHandler {

		@RedisEventHandler(stream = "${app.stream}", group = "billing", concurrency = "${app.concurrency}",
				lease = "${app.lease}", autoStartup = "${app.start:false}")
		void on(Order order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SignatureConfiguration {

		@Bean
		SignatureHandlers signatureHandlers() {
			return new SignatureHandlers();
		}

		@Bean
		Function<List<Order>, List<String>> orderIds() {
			return (orders) -> orders.stream().map(Order::id).toList();
		}

	}

	static class SignatureHandlers {

		@RedisEventHandler(id = "item", stream = "s", group = "g", autoStartup = "false")
		void item(QueueItem<Order> item) {
		}

		@RedisEventHandler(id = "both", stream = "s", group = "g2", autoStartup = "false")
		void both(Order order, QueueItem<Order> item) {
		}

		@RedisEventHandler(id = "batch", stream = "s", group = "g5", autoStartup = "false")
		void batch(List<QueueItem<Order>> items) {
		}

		@RedisEventHandler(id = "list", stream = "s", group = "g3", autoStartup = "false")
		void list(List<Order> orders) {
		}

		@RedisEventHandler(id = "mapped", stream = "s", group = "g4", mapper = "orderIds",
				notRetryable = IllegalArgumentException.class, autoStartup = "false")
		void mapped(String orderId) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadAttributeConfiguration {

		@Bean
		BadHandler badHandler() {
			return new BadHandler();
		}

	}

	static class BadHandler {

		@RedisEventHandler(id = "bad", stream = "s", group = "g", concurrency = "${app.bad-concurrency}",
				autoStartup = "false")
		void on(Order order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateConfiguration {

		@Bean
		DuplicateHandlers duplicateHandlers() {
			return new DuplicateHandlers();
		}

	}

	static class DuplicateHandlers {

		@RedisEventHandler(id = "same", stream = "s", group = "g", autoStartup = "false")
		void one(Order order) {
		}

		@RedisEventHandler(id = "same", stream = "t", group = "g", autoStartup = "false")
		void two(Order order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MissingBeanConfiguration {

		@Bean
		MissingBeanHandler missingBeanHandler() {
			return new MissingBeanHandler();
		}

		@Bean
		BiPredicate<Integer, Order> unused() {
			return (attempts, order) -> true;
		}

	}

	static class MissingBeanHandler {

		@RedisEventHandler(stream = "s", group = "g", shouldRetry = "nope", autoStartup = "false")
		void on(Order order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongParametersConfiguration {

		@Bean
		WrongParametersHandler wrongParametersHandler() {
			return new WrongParametersHandler();
		}

	}

	static class WrongParametersHandler {

		@RedisEventHandler(stream = "s", group = "g", autoStartup = "false")
		void on(Order order, String other, int third) {
		}

	}

}
