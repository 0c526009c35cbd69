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

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when {@code redis-events.fail-fast} is on and Redis does not answer.
 * It names the address tried and the handlers that were not started; Spring Boot shows it
 * as its "APPLICATION FAILED TO START" report.
 *
 * @since 0.1.0
 */
public class RedisUnreachableException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String address;

	private final List<String> handlerIds;

	/**
	 * Create an exception.
	 * @param address the Redis address tried, such as {@code localhost:6379}, or
	 * {@code null} when not known
	 * @param handlerIds the handlers that were not started
	 * @param cause the failure of the {@code PING}
	 */
	public RedisUnreachableException(@Nullable String address, List<String> handlerIds, Throwable cause) {
		super("Cannot reach Redis" + ((address != null) ? " at " + address : "") + " (" + cause.getMessage()
				+ "), and redis-events.fail-fast is true: not starting the handlers " + handlerIds, cause);
		this.address = address;
		this.handlerIds = List.copyOf(Objects.requireNonNull(handlerIds, "'handlerIds' must not be null"));
	}

	/**
	 * The Redis address tried.
	 * @return the address, such as {@code localhost:6379}, or {@code null}
	 */
	public @Nullable String getAddress() {
		return this.address;
	}

	/**
	 * The handlers that were not started.
	 * @return the handler ids
	 */
	public List<String> getHandlerIds() {
		return this.handlerIds;
	}

}
