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

package io.github.processredisevents.autoconfigure.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.autoconfigure.RedisEventsAutoConfiguration;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.QueueItem;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Startup failures as a user sees them: each application is run with
 * {@link SpringApplication} and the "APPLICATION FAILED TO START" report that Spring
 * Boot's failure analysis prints is read from the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	@Test
	void aMisspelledShouldRetryBeanIsReportedWithTheHandlerAndTheAttributeThatNamesIt(CapturedOutput output) {
		String report = failedStart(output, MisspelledRetry.class, "--app.should-retry=retryUnlessNegativ");
		assertThat(report).contains(
				"@RedisEventHandler 'jobs-workers' on bean 'jobHandler' method StartupFailureReportTests.JobHandler.on("
						+ "StartupFailureReportTests.Job):"
						+ " attribute 'shouldRetry' names bean 'retryUnlessNegativ', which does not exist.")
			.contains("Handler:   jobs-workers")
			.contains("Bean:      jobHandler")
			.contains("Method:    " + JobHandler.class.getName() + ".on(" + Job.class.getName() + ")")
			.contains("Attribute: shouldRetry = \"retryUnlessNegativ\"")
			.contains("Action:\n\nDeclare a bean named 'retryUnlessNegativ' of type BiPredicate<Integer, "
					+ "StartupFailureReportTests.Job>, or correct the 'shouldRetry' attribute; beans of type"
					+ " BiPredicate: [retryUnlessNegative].")
			.doesNotContain("A component required a bean named");
	}

	@Test
	void aShouldRetryBeanOfAnotherPayloadTypeFailsAtStartup(CapturedOutput output) {
		String report = failedStart(output, RetryOfStrings.class, "--app.should-retry=retryStrings");
		assertThat(report)
			.contains("attribute 'shouldRetry' names bean 'retryStrings', a BiPredicate<Integer, String>,"
					+ " which cannot take this handler's attempts and payload (Integer, StartupFailureReportTests.Job)")
			.contains("Attribute: shouldRetry = \"retryStrings\"")
			.contains("Declare 'retryStrings' as a BiPredicate<Integer, StartupFailureReportTests.Job>");
	}

	@Test
	void aMapperWhoseItemsAreNotWhatTheMethodTakesFailsAtStartup(CapturedOutput output) {
		String report = failedStart(output, MapperToNumbers.class, "--app.mapper=toNumbers");
		assertThat(report)
			.contains("attribute 'mapper' names bean 'toNumbers', a Function<List<String>, List<Integer>>,"
					+ " whose items (Integer) are not what the method takes (StartupFailureReportTests.Job)")
			.contains("Make 'toNumbers' return List<StartupFailureReportTests.Job>, or change the method to take"
					+ " Integer.");
	}

	@Test
	void anAttributeThatDoesNotParseIsReportedWithItsValue(CapturedOutput output) {
		String report = failedStart(output, UnparsableAttribute.class, "--app.concurrency=many");
		assertThat(report)
			.contains("attribute 'concurrency' must be an integer, but was 'many' (from '${app.concurrency}')")
			.contains("Attribute: concurrency = \"many\"")
			.contains("Set the 'concurrency' attribute to an integer such as \"4\"");
	}

	@Test
	void anAttributeOutOfRangeIsReportedWithTheCoreMessage(CapturedOutput output) {
		String report = failedStart(output, UnparsableAttribute.class, "--app.concurrency=0");
		assertThat(report).contains("attribute 'concurrency' is out of range: 'concurrency' must be greater than zero")
			.contains("Attribute: concurrency = \"0\"");
	}

	@Test
	void aMethodTakingTheItemBeforeThePayloadIsToldTheOrderAndShownTheAcceptedShapes(CapturedOutput output) {
		String report = failedStart(output, ItemFirst.class);
		assertThat(report).contains(
				"method StartupFailureReportTests.ItemFirstHandler.on(QueueItem, StartupFailureReportTests.Job): takes the QueueItem before the"
						+ " payload; the payload must come first.")
			.contains("Declare the method in one of the accepted shapes:\n"
					+ "    void on(StartupFailureReportTests.Job payload)\n"
					+ "    void on(QueueItem<StartupFailureReportTests.Job> item)\n"
					+ "    void on(StartupFailureReportTests.Job payload, QueueItem<StartupFailureReportTests.Job> item)");
	}

	@Test
	void twoHandlersOfOneGroupUnderOneConsumerIdFailAtStartup(CapturedOutput output) {
		String report = failedStart(output, SharedGroup.class, "--redis-events.defaults.consumer-id=pod-7");
		assertThat(report).contains("attribute 'consumerId' is also the consumer id of @RedisEventHandler 'first'")
			.contains("Attribute: consumerId = \"pod-7\"")
			.contains("Give each handler of the group a consumer id of its own");
	}

	@Test
	void anUnknownStartFromPropertyNamesTheAllowedValues(CapturedOutput output) {
		String report = failedStart(output, Plain.class, "--redis-events.defaults.start-from=beginning");
		assertThat(report).contains("Property: redis-events.defaults.start-from")
			.contains("Value: \"beginning\"")
			.contains("The following values are valid:")
			.contains("LATEST")
			.contains("OLDEST");
	}

	@Test
	void startFromIsReadInAnyCase() {
		try (ConfigurableApplicationContext context = start(Plain.class, "--redis-events.defaults.start-from=Oldest")) {
			assertThat(context.getBean(RedisEventHandlerRegistry.class).getOptions("jobs-workers").startFrom())
				.isEqualTo(StartFrom.OLDEST);
		}
	}

	@Test
	void failFastWithoutRedisNamesTheAddressAndTheWayOut(CapturedOutput output) {
		int port = RedisServer.freePort();
		String report = failedStart(output, Plain.class, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + port, "--redis-events.fail-fast=true");
		assertThat(report)
			.contains("Cannot reach Redis at 127.0.0.1:" + port + " (Failed to connect to 127.0.0.1:" + port + ".),"
					+ " and redis-events.fail-fast is true: not starting the handlers [jobs-workers].")
			.contains("Action:\n\nStart Redis at 127.0.0.1:" + port)
			.contains("set redis-events.fail-fast=false");
	}

	@Test
	void withoutFailFastAConsumerThatNeverHadRedisSaysItCannotReachIt(CapturedOutput output) {
		int port = RedisServer.freePort();
		try (ConfigurableApplicationContext context = start(Plain.class, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + port)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(output.getOut() + output.getErr())
					.contains("on stream 'jobs' cannot reach Redis at 127.0.0.1:" + port));
			assertThat(output.toString()).doesNotContain("lost Redis");
		}
	}

	@Test
	void anOrderedHandlerOnAStreamWithoutPartitionKeyIsToldThePropertyToSetWithAnExample(CapturedOutput output) {
		String report = failedStart(output, Ordered.class, "--app.ordered=true");
		assertThat(report).contains("@RedisEventHandler 'ordered-jobs' on bean 'orderedJobHandler' method"
				+ " StartupFailureReportTests.OrderedJobHandler.on(StartupFailureReportTests.Job): attribute 'ordered'"
				+ " is true, but stream 'jobs' has no partition key: an ordered handler reads each entry's key from"
				+ " its payload.")
			.contains("Attribute: ordered = \"true\"")
			.contains("Action:\n\nSet redis-events.streams.jobs.partition-key to the JSON Pointer of the key in the"
					+ " payload, e.g. redis-events.streams.jobs.partition-key=/customerId (Job has /name); producers"
					+ " then add each entry to the partition of its key. Or turn ordered off for this handler.");
	}

	@Test
	void aHandlerOrderedByPropertyOnAStreamWithoutPartitionKeyNamesTheProperties(CapturedOutput output) {
		String report = failedStart(output, Ordered.class, "--redis-events.handlers.ordered-jobs.ordered=true");
		assertThat(report)
			.contains("method StartupFailureReportTests.OrderedJobHandler.on(StartupFailureReportTests.Job):"
					+ " ordered is true (from redis-events.handlers.ordered-jobs.ordered, redis-events.defaults.ordered or"
					+ " a ProcessOptionsCustomizer), but stream 'jobs' has no partition key")
			.doesNotContain("Attribute:")
			.contains("Set redis-events.streams.jobs.partition-key to the JSON Pointer of the key in the payload");
	}

	@Test
	void anOrderedBatchHandlerFailsAtStartupSayingWhy(CapturedOutput output) {
		String report = failedStart(output, OrderedBatch.class, "--redis-events.streams.jobs.partition-key=/name");
		assertThat(report).contains("@RedisEventHandler 'jobs-batch' on bean 'orderedBatchHandler' method"
				+ " StartupFailureReportTests.OrderedBatchHandler.on(List): attribute 'ordered' is true, but the"
				+ " handler takes a List<QueueItem<T>>: a batch holds the entries of many keys in one call, while an"
				+ " ordered handler is given each key's entries one at a time, each after the one before it has"
				+ " finished.")
			.contains("Handler:   jobs-batch")
			.contains("Attribute: ordered = \"true\"")
			.contains("Action:\n\nHandle one entry per call (take the payload, its QueueItem, or both), or turn"
					+ " ordered off for this handler.");
	}

	@Test
	void aPartitionKeyThatIsNotAJsonPointerNamesThePropertyAndTheAllowedForm(CapturedOutput output) {
		String report = failedStart(output, Ordered.class, "--redis-events.streams.jobs.partition-key=customerId");
		assertThat(report)
			.contains("Invalid value 'customerId' for configuration property"
					+ " 'redis-events.streams.jobs.partition-key'")
			.contains("The partition key must be a JSON Pointer to the key in the payload, starting with '/':"
					+ " /customerId for a member of the payload, /customer/id for a nested one");
	}

	@Test
	void anOrderedAttributeThatIsNeitherTrueNorFalseNamesTheAllowedValues(CapturedOutput output) {
		String report = failedStart(output, Ordered.class, "--app.ordered=maybe");
		assertThat(report)
			.contains("attribute 'ordered' must be 'true' or 'false', but was 'maybe' (from" + " '${app.ordered:}')")
			.contains("Attribute: ordered = \"maybe\"")
			.contains("Set the 'ordered' attribute to \"true\" or \"false\"");
	}

	private static String failedStart(CapturedOutput output, Class<?> configuration, String... args) {
		assertThatException().isThrownBy(() -> start(configuration, args).close());
		String captured = output.toString();
		assertThat(captured).contains("APPLICATION FAILED TO START").contains("Description:").contains("Action:");
		return captured.substring(captured.indexOf("APPLICATION FAILED TO START"));
	}

	private static ConfigurableApplicationContext start(Class<?> configuration, String... args) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(args);
	}

	record Job(String name) {
	}

	static class JobHandler {

		@RedisEventHandler(id = "jobs-workers", stream = "jobs", group = "workers",
				shouldRetry = "${app.should-retry:}", mapper = "${app.mapper:}")
		void on(Job job) {
		}

	}

	static class ItemFirstHandler {

		@RedisEventHandler(stream = "jobs", group = "workers")
		void on(QueueItem<Job> item, Job job) {
		}

	}

	static class UnparsableHandler {

		@RedisEventHandler(stream = "jobs", group = "workers", concurrency = "${app.concurrency}")
		void on(Job job) {
		}

	}

	static class SharedGroupHandlers {

		@RedisEventHandler(id = "first", stream = "jobs", group = "workers")
		void first(Job job) {
		}

		@RedisEventHandler(id = "second", stream = "jobs", group = "workers")
		void second(Job job) {
		}

	}

	static class OrderedJobHandler {

		@RedisEventHandler(id = "ordered-jobs", stream = "jobs", group = "workers", ordered = "${app.ordered:}")
		void on(Job job) {
		}

	}

	static class OrderedBatchHandler {

		@RedisEventHandler(id = "jobs-batch", stream = "jobs", group = "workers", ordered = "true")
		void on(List<QueueItem<Job>> batch) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class })
	static class Ordered {

		@Bean
		OrderedJobHandler orderedJobHandler() {
			return new OrderedJobHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class })
	static class OrderedBatch {

		@Bean
		OrderedBatchHandler orderedBatchHandler() {
			return new OrderedBatchHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class })
	static class SharedGroup {

		@Bean
		SharedGroupHandlers sharedGroupHandlers() {
			return new SharedGroupHandlers();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class })
	static class Plain {

		@Bean
		JobHandler jobHandler() {
			return new JobHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Plain.class)
	static class MisspelledRetry {

		@Bean
		BiPredicate<Integer, Job> retryUnlessNegative() {
			return (attempts, job) -> true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Plain.class)
	static class RetryOfStrings {

		@Bean
		BiPredicate<Integer, String> retryStrings() {
			return (attempts, text) -> !text.isEmpty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Plain.class)
	static class MapperToNumbers {

		@Bean
		Function<List<String>, List<Integer>> toNumbers() {
			return (texts) -> texts.stream().map(String::length).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class })
	static class ItemFirst {

		@Bean
		ItemFirstHandler itemFirstHandler() {
			return new ItemFirstHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class })
	static class UnparsableAttribute {

		@Bean
		UnparsableHandler unparsableHandler() {
			return new UnparsableHandler();
		}

	}

}
