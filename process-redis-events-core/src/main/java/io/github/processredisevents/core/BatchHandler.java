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

import java.util.List;

/**
 * Processes the entries of one read together (up to {@code batchSize}): for one bulk
 * insert or one remote call per batch. Returning normally acknowledges every entry;
 * throwing {@link BatchFailedException} acknowledges the entries before its index, fails
 * the attempt of the entry at its index and hands the later ones back unhandled; any
 * other exception fails the attempt of every entry.
 *
 * @param <T> the payload type
 * @since 0.1.0
 * @see RedisEventStream#processBatches(ProcessOptions, BatchHandler)
 */
@FunctionalInterface
public interface BatchHandler<T> {

	/**
	 * Handle a batch.
	 * @param items the entries of one read, in stream order (unmodifiable)
	 * @throws Exception to fail the attempt of every entry, or a
	 * {@link BatchFailedException} to fail one
	 */
	void handle(List<QueueItem<T>> items) throws Exception;

}
