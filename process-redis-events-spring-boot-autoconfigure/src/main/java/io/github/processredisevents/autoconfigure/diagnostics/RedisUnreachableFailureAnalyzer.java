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

package io.github.processredisevents.autoconfigure.diagnostics;

import io.github.processredisevents.config.RedisUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link RedisUnreachableException}: with {@code redis-events.fail-fast} on,
 * Redis did not answer at startup.
 */
class RedisUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<RedisUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisUnreachableException cause) {
		String at = (cause.getAddress() != null) ? " at " + cause.getAddress() : "";
		String description = cause.getMessage() + ".";
		String action = "Start Redis" + at + ", or point spring.data.redis.host and spring.data.redis.port (or"
				+ " spring.data.redis.url) at a Redis that runs. To start without Redis and let the handlers connect"
				+ " once it answers, set redis-events.fail-fast=false.";
		return new FailureAnalysis(description, action, cause);
	}

}
