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

import java.util.List;
import java.util.Map;

import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of processing one delivery of an entry. Its carrier is the entry's fields,
 * from which the tracer's propagator reads {@code traceparent} and {@code tracestate}, so
 * that every delivery (first, retry, reclaim by another consumer) continues the
 * producer's trace. When the producer's context is to be a link instead of the parent,
 * the getter hides it and {@link #getProducerTraceparent()} offers it to a handler that
 * adds links.
 *
 * @since 0.1.0
 */
public class RedisEventProcessContext extends ReceiverContext<Map<String, String>> {

	private final String stream;

	private final String group;

	private final String consumerId;

	private final String entryId;

	private final int attempt;

	private final boolean linkToProducer;

	private volatile @Nullable EntryOutcome outcome;

	/**
	 * Create a context.
	 * @param fields the entry's fields
	 * @param stream the stream name, without key prefix
	 * @param group the consumer group
	 * @param consumerId the consumer id
	 * @param entryId the entry id
	 * @param attempt the delivery's number: 1 on the first delivery, 2 on the first retry
	 * @param linkToProducer whether the producer's context is a link rather than the
	 * parent
	 */
	public RedisEventProcessContext(Map<String, String> fields, String stream, String group, String consumerId,
			String entryId, int attempt, boolean linkToProducer) {
		super((carrier, name) -> (linkToProducer) ? null : carrier.get(name));
		setCarrier(fields);
		this.stream = stream;
		this.group = group;
		this.consumerId = consumerId;
		this.entryId = entryId;
		this.attempt = attempt;
		this.linkToProducer = linkToProducer;
		setRemoteServiceName("redis");
	}

	/**
	 * The stream name, without key prefix.
	 * @return the stream name
	 */
	public String getStream() {
		return this.stream;
	}

	/**
	 * The consumer group.
	 * @return the group
	 */
	public String getGroup() {
		return this.group;
	}

	/**
	 * The consumer id.
	 * @return the consumer id
	 */
	public String getConsumerId() {
		return this.consumerId;
	}

	/**
	 * The entry id.
	 * @return the entry id
	 */
	public String getEntryId() {
		return this.entryId;
	}

	/**
	 * The delivery's number: 1 on the first delivery, 2 on the first retry.
	 * @return the attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Whether the producer's context is a link rather than the parent.
	 * @return whether to link
	 */
	public boolean isLinkToProducer() {
		return this.linkToProducer;
	}

	/**
	 * The producer's {@code traceparent}, whether it is the parent or a link.
	 * @return the field's value, or {@code null} when the entry has none
	 */
	public @Nullable String getProducerTraceparent() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier.get(TraceFields.TRACEPARENT) : null;
	}

	/**
	 * The {@code traceparent} of every entry handled (one, or a batch's), for a handler
	 * that links to them.
	 * @return the fields' values, without entries that have none
	 */
	public List<String> getProducerTraceparents() {
		String traceparent = getProducerTraceparent();
		return (traceparent != null) ? List.of(traceparent) : List.of();
	}

	/**
	 * What became of the delivery, once settled.
	 * @return the outcome, or {@code null} before
	 */
	public @Nullable EntryOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set what became of the delivery.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable EntryOutcome outcome) {
		this.outcome = outcome;
	}

}
