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

import io.github.processredisevents.core.testsupport.RealRedisCluster;
import io.github.processredisevents.core.testsupport.RedisCluster;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * Every test of {@link FailureHandlingIntegrationTests}, against a real Redis Cluster of
 * three primaries with a replica each; the stream's name is a hash tag, so that the
 * stream, its dead letters and its events share a slot.
 */
@ExtendWith(RealRedisCluster.class)
class FailureHandlingOnClusterIntegrationTests extends FailureHandlingIntegrationTests {

	private static RedisCluster cluster;

	@BeforeAll
	static void startCluster(RedisCluster started) {
		cluster = started;
	}

	@Override
	RedisEvents newEvents(RedisEndpoint redis) {
		return RedisEvents.connectCluster(cluster.nodes(), DefaultJedisClientConfig.builder().build());
	}

	@Override
	String streamName(String unique) {
		return "{" + unique + "}";
	}

}
