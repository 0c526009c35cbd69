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

package io.github.processredisevents.test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * Spring Boot connection details for a {@link RedisServerProcess}: what
 * {@link EmbeddedRedis} adds to a test's application context, so that Spring Boot's Redis
 * support and the process-redis-events starter connect to the test's server, as
 * {@code @ServiceConnection} does for a container.
 *
 * @since 0.1.0
 */
public final class EmbeddedRedisConnectionDetails implements DataRedisConnectionDetails {

	private final RedisServerProcess server;

	/**
	 * Connection details for a server.
	 * @param server the server
	 */
	public EmbeddedRedisConnectionDetails(RedisServerProcess server) {
		this.server = server;
	}

	/**
	 * The server these details point at.
	 * @return the server
	 */
	public RedisServerProcess server() {
		return this.server;
	}

	@Override
	public Standalone getStandalone() {
		return Standalone.of(this.server.host(), this.server.port());
	}

}
