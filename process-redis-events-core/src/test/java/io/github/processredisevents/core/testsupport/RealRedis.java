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

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A JUnit extension that gives tests a real Redis, found in this order: the
 * {@code REDIS_URL} environment variable; a private {@code redis-server} on a free
 * loopback port, from the PATH (what CI uses), else the Redis 7.0.15 the test kit bundles
 * for Linux and macOS; a Testcontainers Redis when Docker is available. Otherwise it
 * fails, saying what to install. One server serves the whole test run; tests keep apart
 * by using {@link #uniqueName(String) names of their own}.
 *
 * <p>
 * Inject a {@link RedisEndpoint} into a test constructor, method or lifecycle method.
 */
public final class RealRedis implements ParameterResolver {

	private static final AtomicInteger counter = new AtomicInteger();

	private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	private static @Nullable Handle jvmHandle;

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == RedisEndpoint.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return endpoint(context);
	}

	/**
	 * The shared endpoint, started on first use and stopped when the run ends.
	 * @param context any extension context
	 * @return the endpoint
	 */
	public static RedisEndpoint endpoint(ExtensionContext context) {
		return context.getRoot()
			.getStore(Namespace.create(RealRedis.class))
			.computeIfAbsent(Handle.class, (key) -> new Handle(), Handle.class).endpoint;
	}

	/**
	 * One endpoint for the whole JVM, found the same way, started on first use and
	 * stopped when the JVM exits: for code that runs outside an extension context, such
	 * as static {@code @DynamicPropertySource} methods.
	 * @return the endpoint
	 */
	public static synchronized RedisEndpoint jvmEndpoint() {
		if (jvmHandle == null) {
			Handle handle = new Handle();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					handle.close();
				}
				catch (Exception ex) {
					// the JVM exits anyway
				}
			}, "real-redis-stop"));
			jvmHandle = handle;
		}
		return jvmHandle.endpoint;
	}

	/**
	 * A stream or group name no other test uses.
	 * @param base a readable part
	 * @return the name
	 */
	public static String uniqueName(String base) {
		return base + "-" + RUN_ID + "-" + counter.incrementAndGet();
	}

	private static final class Handle implements AutoCloseable {

		private final RedisEndpoint endpoint;

		private final AutoCloseable resource;

		Handle() {
			String url = System.getenv("REDIS_URL");
			if (url != null && !url.isBlank()) {
				URI uri = URI.create(url);
				this.endpoint = new RedisEndpoint(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379);
				this.resource = () -> {
				};
			}
			else if (RedisServer.isInstalled()) {
				RedisServer server = RedisServer.start();
				this.endpoint = new RedisEndpoint(server.host(), server.port());
				this.resource = server;
			}
			else if (dockerAvailable()) {
				GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
				container.start();
				this.endpoint = new RedisEndpoint(container.getHost(), container.getMappedPort(6379));
				this.resource = container;
			}
			else {
				throw new ParameterResolutionException("These tests need a real Redis 7, but redis-server is not on"
						+ " the PATH and none is bundled for " + System.getProperty("os.name") + "/"
						+ System.getProperty("os.arch") + ". Install redis-server (on Debian: apt-get install"
						+ " redis-server) so the tests can start a private one, or set"
						+ " REDIS_URL=redis://127.0.0.1:6379 to use a running server, or start Docker for"
						+ " Testcontainers.");
			}
		}

		private static boolean dockerAvailable() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (Throwable ex) {
				return false;
			}
		}

		@Override
		public void close() throws Exception {
			this.resource.close();
		}

	}

}
