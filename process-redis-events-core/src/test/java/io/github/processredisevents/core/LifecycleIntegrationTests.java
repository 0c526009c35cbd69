package io.github.processredisevents.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pausing, resuming, stopping gracefully, and the meters of a running processor.
 */
class LifecycleIntegrationTests extends RedisEventsTestSupport {

	@Test
	void stoppingLetsRunningHandlersFinishAndLeavesTheRestPendingForOthers() throws Exception {
		CountDownLatch started = new CountDownLatch(2);
		List<String> finished = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).concurrency(2).batchSize(10).build(), (item) -> {
			started.countDown();
			Thread.sleep(500);
			finished.add(item.data().orderId());
		});
		for (int i = 0; i < 6; i++) {
			this.stream.add(new Order("o-" + i, i));
		}
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
		processor.stop();
		assertThat(processor.state()).isEqualTo(ProcessorState.STOPPED);
		assertThat(finished).hasSize(2);
		// the two that ran were acknowledged; the rest wait for another consumer
		long read = this.stream.consumerGroups().get(0).entriesRead();
		assertThat(pending("workers")).isEqualTo(read - 2);
		AtomicInteger others = new AtomicInteger();
		process(options(Order.class).lease(Duration.ofMillis(500)).build(), (item) -> others.incrementAndGet());
		await().atMost(WAIT).until(() -> others.get() == 4);
		awaitNothingPending("workers");
	}

	@Test
	void stoppingClosesItsThreads() {
		StreamProcessor processor = process(options(Order.class).build(), (item) -> {
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> processor.stats().processed() == 1);
		processor.stop();
		String workers = "redis-events-" + this.stream.name() + "-workers-worker-";
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.isAlive()
				&& (thread.getName().contains(processor.consumerId()) || thread.getName().startsWith(workers)));
		assertThat(processor.health().loopAlive()).isFalse();
	}

	@Test
	void runningProcessorsKeepTheJvmAliveWithOneNonDaemonThreadUntilTheLastStops() {
		StreamProcessor first = process(options(Order.class).build(), (item) -> {
		});
		StreamProcessor second = process(options(Order.class).group("others").build(), (item) -> {
		});
		assertThat(keepAliveThreads()).singleElement().matches((thread) -> !thread.isDaemon());
		assertThat(engineThreads(first)).isNotEmpty().allMatch(Thread::isDaemon);
		first.stop();
		assertThat(keepAliveThreads()).hasSize(1);
		second.stop();
		await().atMost(WAIT).until(() -> keepAliveThreads().isEmpty());
	}

	@Test
	void anEngineBuiltWithoutKeepAliveLeavesOnlyDaemonThreads() {
		try (RedisEvents engine = RedisEvents.builder(redis()).keepAlive(false).build()) {
			StreamProcessor processor = started(
					engine.stream(this.stream.name()).process(options(Order.class).build(), (item) -> {
					}));
			this.stream.add(new Order("o-1", 1));
			await().atMost(WAIT).until(() -> processor.stats().processed() == 1);
			assertThat(keepAliveThreads()).isEmpty();
			assertThat(engineThreads(processor)).isNotEmpty().allMatch(Thread::isDaemon);
		}
	}

	private static List<Thread> keepAliveThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().equals(KeepAlive.THREAD_NAME))
			.toList();
	}

	private static List<Thread> engineThreads(StreamProcessor processor) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().contains(processor.consumerId()))
			.toList();
	}

	@Test
	void aPausedProcessorFetchesNothingUntilResumed() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		StreamProcessor processor = process(options(Order.class).build(), (item) -> seen.add(item.data().orderId()));
		assertThat(processor.awaitRunning(WAIT)).isTrue();
		processor.pause();
		assertThat(processor.state()).isEqualTo(ProcessorState.PAUSED);
		this.stream.add(new Order("o-1", 1));
		// the entry stays undelivered while paused: the group's lag shows it
		await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> seen.isEmpty());
		assertThat(this.stream.consumerGroups().get(0).lag()).isEqualTo(1);
		processor.resume();
		assertThat(processor.state()).isEqualTo(ProcessorState.RUNNING);
		await().atMost(WAIT).until(() -> seen.size() == 1);
	}

	@Test
	void registersTheSharedMetersWhenGivenARegistry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		StreamProcessor processor = process(options(Order.class).meterRegistry(registry).maxAttempts(1).build(),
				(item) -> {
					if (item.data().orderId().equals("bad")) {
						throw new IllegalStateException("fails");
					}
				});
		this.stream.add(new Order("good", 1));
		this.stream.add(new Order("bad", 1));
		await().atMost(WAIT).until(() -> processor.stats().processed() == 1 && processor.stats().deadLettered() == 1);
		String name = this.stream.name();
		assertThat(registry.get("redis.stream.messages.processed")
			.tags("stream_name", name, "consumer_group", "workers", "consumer_id", processor.consumerId(), "status",
					"success")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("redis.stream.messages.processed").tag("status", "error").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("redis.stream.processing.duration").tag("stream_name", name).timer().count())
			.isEqualTo(2);
		assertThat(registry.get("redis.stream.batch.size").tag("stream_name", name).summary().count()).isPositive();
		assertThat(registry.get("redis.stream.messages.dead.lettered").counter().count()).isEqualTo(1);
		await().atMost(WAIT)
			.until(() -> registry.get("redis.stream.dead.letter.length").tag("stream_name", name).gauge().value() == 1);
		assertThat(registry.get("redis.stream.pending.messages").tag("consumer_group", "workers").gauge().value())
			.isZero();
		processor.stop();
		assertThat(registry.find("redis.stream.messages.processed").counters()).isEmpty();
	}

	@Test
	void theLagGaugeReadsNaNWhileRedisCannotTellTheLag() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		StreamProcessor processor = process(options(Order.class).meterRegistry(registry).build(), (item) -> {
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> processor.stats().processed() == 1);
		await().atMost(WAIT).until(() -> lagGauge(registry) == 0);
		processor.pause();
		String deleted = this.stream.add(new Order("o-2", 1));
		this.stream.add(new Order("o-3", 1));
		// a deleted entry after the group's position: Redis answers lag nil (unknown),
		// not a number
		this.events.client().xdel(this.stream.key(), new StreamEntryID(deleted));
		assertThat(this.stream.consumerGroups().get(0).lag()).isNull();
		await().atMost(WAIT).until(() -> Double.isNaN(lagGauge(registry)));
		processor.resume();
		await().atMost(WAIT).until(() -> processor.stats().processed() == 2);
		// once the group has read past the deleted entry, Redis gives a figure again
		await().atMost(WAIT).until(() -> !Double.isNaN(lagGauge(registry)));
	}

	private double lagGauge(SimpleMeterRegistry registry) {
		return registry.get("redis.stream.consumer.lag").tag("stream_name", this.stream.name()).gauge().value();
	}

	@Test
	void withoutARegistryNoMetersAreKept() {
		StreamProcessor processor = process(options(Order.class).build(), (item) -> {
		});
		this.stream.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> processor.stats().processed() == 1);
		assertThat(processor.options().meterRegistry()).isNull();
	}

}
