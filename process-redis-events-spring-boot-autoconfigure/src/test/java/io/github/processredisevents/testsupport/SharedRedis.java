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

package io.github.processredisevents.testsupport;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisEndpoint;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Redis for the Spring tests of this module: {@link RealRedis#jvmEndpoint()},
 * found as {@link RealRedis} finds it ({@code REDIS_URL}, else a private
 * {@code redis-server} on a free loopback port from the PATH or bundled with the test
 * kit), stopped when the JVM exits. Usable from static {@code @DynamicPropertySource}
 * methods.
 */
public final class SharedRedis {

	private SharedRedis() {
	}

	/**
	 * The endpoint, started on first use.
	 * @return the endpoint
	 */
	public static RedisEndpoint endpoint() {
		return RealRedis.jvmEndpoint();
	}

	/**
	 * Point Spring Boot's {@code spring.data.redis.*} at the shared Redis.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> endpoint().host());
		registry.add("spring.data.redis.port", () -> endpoint().port());
	}

	/**
	 * The {@code spring.data.redis.*} properties for the shared Redis.
	 * @return the properties, as {@code name=value}
	 */
	public static String[] properties() {
		return new String[] { "spring.data.redis.host=" + endpoint().host(),
				"spring.data.redis.port=" + endpoint().port() };
	}

	/**
	 * A stream or group name no other test uses.
	 * @param base a readable part
	 * @return the name
	 */
	public static String uniqueName(String base) {
		return RealRedis.uniqueName(base);
	}

}
