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
import java.util.Objects;

import io.github.processredisevents.core.metrics.MeterNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleTraceContext;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracing scenarios with micrometer-tracing-test's in-memory tracer, plus the wait
 * timer.
 */
class SimpleTracerIntegrationTests extends TracingIntegrationTestSupport {

	private final SimpleTracer tracer = new SimpleTracer();

	@Override
	ObservationRegistry createRegistry() {
		Propagator propagator = new TraceparentPropagator(this.tracer);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
		return registry;
	}

	@Override
	List<FinishedSpan> finishedSpans() {
		return this.tracer.getSpans()
			.stream()
			.filter((span) -> span.getEndTimestamp().toEpochMilli() > 0)
			.map(FinishedSpan.class::cast)
			.toList();
	}

	@Test
	void theWaitTimerMeasuresFromTheEntryIdToTheHandlersStart() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		started(this.stream.process(options(Order.class).meterRegistry(meters).build(), (item) -> {
		}));
		long now = System.currentTimeMillis();
		// an entry added "a minute ago", by its id
		redis().xadd(this.stream.key(), redis.clients.jedis.params.XAddParams.xAddParams().id((now - 60_000) + "-0"),
				Map.of("data", "{\"orderId\":\"o-1\",\"amount\":1}"));
		Timer wait = meters.get(MeterNames.WAIT)
			.tags("stream_name", this.stream.name(), "consumer_group", "workers")
			.timer();
		await().atMost(WAIT).until(() -> wait.count() == 1);
		assertThat(Duration.ofMillis((long) wait.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)))
			.isGreaterThanOrEqualTo(Duration.ofMinutes(1));
		assertThat(wait.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
			.containsExactlyInAnyOrder("stream_name", "consumer_group");
	}

	/**
	 * A W3C {@code traceparent} propagator for the in-memory tracer, whose trace ids have
	 * 16 hex digits (padded to 32 on the wire).
	 */
	private static final class TraceparentPropagator implements Propagator {

		private static final String PADDING = "0000000000000000";

		private final SimpleTracer tracer;

		TraceparentPropagator(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return List.of("traceparent");
		}

		@Override
		public <C> void inject(TraceContext context, @Nullable C carrier, Setter<C> setter) {
			String traceId = (context.traceId().length() == 16) ? PADDING + context.traceId() : context.traceId();
			setter.set(carrier, "traceparent", "00-" + traceId + "-" + context.spanId() + "-01");
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String traceparent = getter.get(carrier, "traceparent");
			Span.Builder builder = this.tracer.spanBuilder();
			if (traceparent == null) {
				return builder.setNoParent();
			}
			String[] parts = traceparent.split("-");
			SimpleTraceContext parent = new SimpleTraceContext();
			parent.setTraceId(parts[1].startsWith(PADDING) ? parts[1].substring(16) : parts[1]);
			parent.setSpanId(Objects.requireNonNull(parts[2]));
			parent.setSampled(true);
			return builder.setParent(parent);
		}

	}

}
