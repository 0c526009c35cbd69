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

import java.util.function.Consumer;

/**
 * One way of consuming a stream through a consumer group: this library, plain Jedis or
 * Spring Data Redis. Each decodes the {@link Order} JSON and hands it to a callback
 * before acknowledging it.
 */
interface QueueConsumer extends AutoCloseable {

	/**
	 * Start consuming the stream at {@code key} in a group that exists already.
	 */
	void start(String key, String group, Consumer<Order> onEntry);

	/**
	 * Stop consuming and release connections.
	 */
	@Override
	void close();

}
