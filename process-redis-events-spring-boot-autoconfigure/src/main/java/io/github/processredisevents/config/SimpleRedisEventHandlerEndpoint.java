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

import java.lang.reflect.Type;
import java.util.Objects;

import io.github.processredisevents.core.BatchHandler;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessOverrides;
import io.github.processredisevents.core.QueueHandler;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.jspecify.annotations.Nullable;

/**
 * A handler defined in code: a {@link QueueHandler} or a {@link BatchHandler} for one
 * stream and group. Register it through a {@link RedisEventHandlerConfigurer}; create one
 * with {@link #builder(Class)}.
 *
 * @since 0.1.0
 */
public final class SimpleRedisEventHandlerEndpoint implements RedisEventHandlerEndpoint {

	private final String id;

	private final String stream;

	private final String group;

	private final Type payloadType;

	private final ProcessOverrides overrides;

	private final boolean autoStartup;

	private final @Nullable QueueHandler<Object> handler;

	private final @Nullable BatchHandler<Object> batchHandler;

	private SimpleRedisEventHandlerEndpoint(Builder<?> builder) {
		this.stream = requireText(builder.stream, "stream");
		this.group = requireText(builder.group, "group");
		this.id = (builder.id != null) ? requireText(builder.id, "id") : this.stream + "-" + this.group;
		this.payloadType = builder.payloadType;
		this.overrides = builder.overrides;
		this.autoStartup = builder.autoStartup;
		this.handler = builder.handler;
		this.batchHandler = builder.batchHandler;
		if ((this.handler == null) == (this.batchHandler == null)) {
			throw new IllegalArgumentException(
					"Handler '" + this.id + "' needs exactly one of 'handler' and" + " 'batchHandler'");
		}
	}

	/**
	 * Start defining a handler of entries whose payload is read as {@code payloadType}.
	 * @param <T> the payload type
	 * @param payloadType the payload class
	 * @return a builder
	 */
	public static <T> Builder<T> builder(Class<T> payloadType) {
		return new Builder<>(payloadType);
	}

	/**
	 * Start defining a handler for a generic payload type, such as {@code List<Order>}.
	 * @param payloadType the payload type
	 * @return a builder
	 */
	public static Builder<Object> builderFor(Type payloadType) {
		return new Builder<>(payloadType);
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public String getStream() {
		return this.stream;
	}

	@Override
	public String getGroup() {
		return this.group;
	}

	@Override
	public Type getPayloadType() {
		return this.payloadType;
	}

	@Override
	public ProcessOverrides getOverrides() {
		return this.overrides;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public boolean isBatch() {
		return this.batchHandler != null;
	}

	@Override
	public StreamProcessor start(RedisEvents events, ProcessOptions<Object> options) {
		if (this.batchHandler != null) {
			return events.partitionedStream(this.stream).processBatches(options, this.batchHandler);
		}
		return events.partitionedStream(this.stream).process(options, Objects.requireNonNull(this.handler));
	}

	@Override
	public String describe() {
		return "Handler '" + this.id + "' defined in code";
	}

	@Override
	public String toString() {
		return describe() + " [stream=" + this.stream + ", group=" + this.group + "]";
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be empty");
		}
		return value;
	}

	/**
	 * Builds a {@link SimpleRedisEventHandlerEndpoint}.
	 *
	 * @param <T> the payload type
	 */
	public static final class Builder<T> {

		private final Type payloadType;

		private @Nullable String id;

		private @Nullable String stream;

		private @Nullable String group;

		private ProcessOverrides overrides = ProcessOverrides.NONE;

		private boolean autoStartup = true;

		private @Nullable QueueHandler<Object> handler;

		private @Nullable BatchHandler<Object> batchHandler;

		private Builder(Type payloadType) {
			this.payloadType = Objects.requireNonNull(payloadType, "'payloadType' must not be null");
		}

		/**
		 * Set the handler id; by default {@code <stream>-<group>}.
		 * @param id the id
		 * @return this builder
		 */
		public Builder<T> id(String id) {
			this.id = id;
			return this;
		}

		/**
		 * Set the stream name, without key prefix (required).
		 * @param stream the stream name
		 * @return this builder
		 */
		public Builder<T> stream(String stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Set the consumer group (required).
		 * @param group the group name
		 * @return this builder
		 */
		public Builder<T> group(String group) {
			this.group = group;
			return this;
		}

		/**
		 * Set the processing options this handler gives itself; properties still override
		 * them.
		 * @param overrides the overrides
		 * @return this builder
		 */
		public Builder<T> overrides(ProcessOverrides overrides) {
			this.overrides = Objects.requireNonNull(overrides, "'overrides' must not be null");
			return this;
		}

		/**
		 * Set whether the handler starts with the application context.
		 * @param autoStartup whether it starts automatically
		 * @return this builder
		 */
		public Builder<T> autoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
			return this;
		}

		/**
		 * Handle entries one at a time.
		 * @param handler the handler
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public Builder<T> handler(QueueHandler<T> handler) {
			this.handler = (QueueHandler<Object>) (QueueHandler<?>) Objects.requireNonNull(handler,
					"'handler' must not be null");
			return this;
		}

		/**
		 * Handle the entries of each read together.
		 * @param batchHandler the batch handler
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public Builder<T> batchHandler(BatchHandler<T> batchHandler) {
			this.batchHandler = (BatchHandler<Object>) (BatchHandler<?>) Objects.requireNonNull(batchHandler,
					"'batchHandler' must not be null");
			return this;
		}

		/**
		 * Build the endpoint.
		 * @return the endpoint
		 * @throws IllegalArgumentException if the stream or group is missing, or not
		 * exactly one handler is set
		 */
		public SimpleRedisEventHandlerEndpoint build() {
			return new SimpleRedisEventHandlerEndpoint(this);
		}

	}

}
