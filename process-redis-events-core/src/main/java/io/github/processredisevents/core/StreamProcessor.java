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
import java.util.Map;

/**
 * A running consumer of one stream in one consumer group, returned by
 * {@link RedisEventStream#process(ProcessOptions, QueueHandler)}.
 *
 * @since 0.1.0
 */
public interface StreamProcessor extends AutoCloseable {

	/**
	 * The stream's name (without key prefix).
	 * @return the stream name
	 */
	String stream();

	/**
	 * The consumer group.
	 * @return the group name
	 */
	String group();

	/**
	 * This consumer's id within the group.
	 * @return the consumer id
	 */
	String consumerId();

	/**
	 * The options it runs with.
	 * @return the options
	 */
	ProcessOptions<?> options();

	/**
	 * Where it is in its lifecycle.
	 * @return the state
	 */
	ProcessorState state();

	/**
	 * Counts since it started.
	 * @return the counts
	 */
	ProcessorStats stats();

	/**
	 * Whether its loop runs and Redis answers.
	 * @return the health
	 */
	ProcessorHealth health();

	/**
	 * For {@link ProcessOptions#ordered() ordered} processing, whether this consumer owns
	 * each partition of the stream now: only the owner of a partition fetches from it,
	 * and a partition that another consumer owns is neither unhealthy nor stuck here.
	 * @return whether this consumer owns each partition, by partition stream name (such
	 * as {@code {orders:3}}) in partition order, retired partitions last; empty when
	 * processing is not ordered
	 * @since 0.1.0
	 */
	default Map<String, Boolean> partitionOwnership() {
		return Map.of();
	}

	/**
	 * Stop fetching; running handlers finish and keep their leases.
	 */
	void pause();

	/**
	 * Fetch again after {@link #pause()}.
	 */
	void resume();

	/**
	 * Wait until the consumer group exists and entries are fetched.
	 * @param timeout how long to wait
	 * @return whether it is running
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitRunning(Duration timeout) throws InterruptedException;

	/**
	 * Stop: no more fetching, let running handlers finish within the shutdown timeout
	 * (entries still running after it stay pending for other consumers), flush
	 * acknowledgements, stop heartbeats and close what it opened. Idempotent.
	 */
	void stop();

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	default void close() {
		stop();
	}

}
