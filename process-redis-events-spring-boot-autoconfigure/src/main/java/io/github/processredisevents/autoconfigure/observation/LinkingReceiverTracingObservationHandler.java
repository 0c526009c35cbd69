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

package io.github.processredisevents.autoconfigure.observation;

import java.util.LinkedHashSet;
import java.util.function.Supplier;

import io.github.processredisevents.core.observation.RedisEventProcessContext;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * A tracing handler for deliveries whose span starts a trace of its own, with links to
 * the producers' spans (read from the entries' {@code traceparent}) instead of being a
 * child: a batch handler's batch always, a single delivery when
 * {@code redis-events.observation.link-to-producer=true}.
 *
 * @since 0.1.0
 */
public class LinkingReceiverTracingObservationHandler implements TracingObservationHandler<RedisEventProcessContext> {

	private final Supplier<@Nullable Tracer> tracer;

	/**
	 * Create a handler.
	 * @param tracer supplies the tracer, or {@code null} when there is none
	 */
	public LinkingReceiverTracingObservationHandler(Supplier<@Nullable Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof RedisEventProcessContext process && process.isLinkToProducer()
				&& this.tracer.get() != null;
	}

	@Override
	public void onStart(RedisEventProcessContext context) {
		Span.Builder builder = getTracer().spanBuilder().setNoParent().kind(Span.Kind.CONSUMER);
		for (String traceparent : new LinkedHashSet<>(context.getProducerTraceparents())) {
			TraceContext producer = parse(traceparent);
			if (producer != null) {
				builder.addLink(new Link(producer));
			}
		}
		getTracingContext(context).setSpan(builder.start());
	}

	@Override
	public void onStop(RedisEventProcessContext context) {
		Span span = getRequiredSpan(context);
		tagSpan(context, span);
		span.name(getSpanName(context));
		endSpan(context, span);
	}

	@Override
	public Tracer getTracer() {
		Tracer tracer = this.tracer.get();
		if (tracer == null) {
			throw new IllegalStateException("No Micrometer Tracing Tracer is available");
		}
		return tracer;
	}

	/**
	 * The trace context a W3C {@code traceparent} names ({@code 00-trace-span-flags}).
	 */
	private @Nullable TraceContext parse(String traceparent) {
		String[] parts = traceparent.split("-");
		if (parts.length < 4 || parts[1].length() != 32 || parts[2].length() != 16 || parts[3].length() != 2) {
			return null;
		}
		boolean sampled = (Character.digit(parts[3].charAt(1), 16) & 1) == 1;
		return getTracer().traceContextBuilder().traceId(parts[1]).spanId(parts[2]).sampled(sampled).build();
	}

}
