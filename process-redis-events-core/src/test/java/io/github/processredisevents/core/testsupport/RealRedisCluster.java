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

package io.github.processredisevents.core.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives a test class one real {@link RedisCluster} (three
 * primaries, three replicas on loopback), started on first use and stopped after the
 * class's last test. Inject a {@link RedisCluster} into a test constructor, method or
 * lifecycle method (a static {@code @BeforeAll} method works too). Tests that kill nodes
 * should restart them ({@link RedisCluster#restart(RedisEndpoint)}) or live in a class of
 * their own.
 */
public final class RealRedisCluster implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == RedisCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return cluster(context);
	}

	/**
	 * The test class's cluster, started on first use.
	 * @param context any extension context within the test class
	 * @return the cluster
	 */
	public static RedisCluster cluster(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext.getStore(Namespace.create(RealRedisCluster.class))
			.computeIfAbsent(RedisCluster.class, (key) -> start(), RedisCluster.class);
	}

	private static RedisCluster start() {
		if (!RedisCluster.isInstalled()) {
			throw new ParameterResolutionException("These tests need redis-server and redis-cli 7 on the PATH to"
					+ " start a Redis Cluster (on Debian: apt-get install redis-server).");
		}
		return RedisCluster.start();
	}

}
