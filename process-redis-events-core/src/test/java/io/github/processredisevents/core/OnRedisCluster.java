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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Runs a suite built on {@link RedisEventsTestSupport} against a Redis Cluster instead of
 * a single Redis: one cluster per test class (from {@link RealRedisCluster}), an engine
 * connected to it, and stream names in a hash tag so that a stream's keys share a slot. A
 * cluster variant of a suite is then {@code @ExtendWith(OnRedisCluster.class)} on a
 * subclass, with the tests that only a cluster has.
 */
final class OnRedisCluster implements TestInstancePostProcessor {

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
		((RedisEventsTestSupport) testInstance).cluster = RealRedisCluster.cluster(context);
	}

}
