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

package io.github.processredisevents.core.observation;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The W3C Trace Context fields an entry may carry after its {@code data} field, and
 * nothing else: a propagator that writes other fields (B3, baggage) is not heard.
 *
 * @since 0.1.0
 */
public final class TraceFields {

	/** The W3C {@code traceparent} field. */
	public static final String TRACEPARENT = "traceparent";

	/** The W3C {@code tracestate} field, written only when not empty. */
	public static final String TRACESTATE = "tracestate";

	private static final Set<String> NAMES = Set.of(TRACEPARENT, TRACESTATE);

	private TraceFields() {
	}

	/**
	 * Whether a field may be written after {@code data}.
	 * @param name the field name
	 * @param value the field value
	 * @return whether it is a trace context field with a value
	 */
	static boolean isWritable(String name, @Nullable String value) {
		return NAMES.contains(name) && value != null && !value.isEmpty();
	}

	/**
	 * Copy the trace context fields of one entry onto the fields of another, after its
	 * {@code data}.
	 * @param from the fields of the original entry
	 * @param to the fields to add them to, in order
	 */
	public static void copy(Map<String, String> from, Map<String, String> to) {
		String traceparent = from.get(TRACEPARENT);
		if (traceparent != null && !traceparent.isEmpty()) {
			to.put(TRACEPARENT, traceparent);
			String tracestate = from.get(TRACESTATE);
			if (tracestate != null && !tracestate.isEmpty()) {
				to.put(TRACESTATE, tracestate);
			}
		}
	}

}
