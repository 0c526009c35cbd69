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

/**
 * Processes one entry. Returning normally acknowledges the entry; throwing fails this
 * attempt, which is retried or dead-lettered according to the {@link ProcessOptions}.
 *
 * @param <T> the payload type
 * @since 0.1.0
 */
@FunctionalInterface
public interface QueueHandler<T> {

	/**
	 * Handle one entry.
	 * @param item the entry
	 * @throws Exception to fail this attempt
	 */
	void handle(QueueItem<T> item) throws Exception;

}
