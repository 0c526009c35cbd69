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

package io.github.processredisevents.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * The drain with the defaults, observation off and on: with Micrometer's no-op registry,
 * with a registry whose only handler does nothing (the whole observation lifecycle, no
 * tracer), and with the OpenTelemetry tracer (every span sampled, built, batched and
 * handed to an exporter that drops it). Each candidate has an engine of its own.
 */
final class ObservationCandidates implements AutoCloseable {

	/** A producer's trace context, on every entry of the drain. */
	static final Map<String, String> TRACE_FIELDS = Map.of("traceparent",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<Candidate> candidates = new ArrayList<>();

	ObservationCandidates(HostAndPort address) {
		add(address, "ours, defaults, observation off", null);
		add(address, "ours, defaults, observation on: no-op registry", ObservationRegistry.NOOP);
		ObservationRegistry noopHandler = ObservationRegistry.create();
		noopHandler.observationConfig().observationHandler(new NoopHandler());
		add(address, "ours, defaults, observation on: registry with a no-op handler", noopHandler);
		add(address, "ours, defaults, observation on: OpenTelemetry tracer, spans dropped", openTelemetry());
	}

	List<Candidate> list() {
		return this.candidates;
	}

	private void add(HostAndPort address, String name, ObservationRegistry registry) {
		JedisPooled client = new JedisPooled(address);
		RedisEvents events = RedisEvents.builder(client)
			.blockingClientFactory(() -> new UnifiedJedis(address,
					RedisEvents.blockingReadConfig(DefaultJedisClientConfig.builder().build())))
			.observationRegistry(registry)
			.build();
		this.resources.add(client);
		this.resources.add(events);
		ProcessOptions.Builder<Order> options = OurConsumer.options(ProcessOptions.DEFAULT_BATCH_SIZE,
				ProcessOptions.DEFAULT_CONCURRENCY, false);
		this.candidates.add(new Candidate(name, true, () -> new OurConsumer(events, options)));
	}

	private ObservationRegistry openTelemetry() {
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build())
			.build();
		this.resources.add(provider);
		io.opentelemetry.api.trace.Tracer otel = provider.get("benchmarks");
		OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), (event) -> {
		});
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

	@Override
	public void close() {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			try {
				this.resources.get(i).close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not close " + this.resources.get(i), ex);
			}
		}
	}

	/**
	 * Supports every context and does nothing.
	 */
	private static final class NoopHandler implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/**
	 * Takes spans and drops them.
	 */
	private static final class DroppingExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(java.util.Collection<SpanData> spans) {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
