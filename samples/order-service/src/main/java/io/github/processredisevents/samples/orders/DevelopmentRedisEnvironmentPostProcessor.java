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

package io.github.processredisevents.samples.orders;

import java.util.Map;

import io.github.processredisevents.test.RedisServerBinary;
import io.github.processredisevents.test.RedisServerProcess;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * For development only: when no Redis answers at the configured address, starts a
 * {@code redis-server} as a child process on a free loopback port and points
 * {@code spring.data.redis.*} at it, so that the sample runs on a machine with only a
 * JDK. The server is the one on the PATH, else the Redis
 * {@value RedisServerBinary#BUNDLED_VERSION} bundled with the test kit
 * ({@link RedisServerBinary#find()}). Off with the {@code prod} profile, with
 * {@code order-service.dev-redis.enabled=false}, and whenever a Redis URL, sentinel or
 * cluster is configured. The server keeps no data and stops with the application.
 *
 * @since 0.1.0
 */
public class DevelopmentRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Whether the development fallback may start a Redis.
	 */
	public static final String ENABLED_PROPERTY = "order-service.dev-redis.enabled";

	private final Log logger;

	/**
	 * Create the post-processor.
	 * @param logFactory where log messages go before logging is set up
	 */
	public DevelopmentRedisEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevelopmentRedisEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)
				|| environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		if (environment.containsProperty("spring.data.redis.url")
				|| environment.containsProperty("spring.data.redis.sentinel.master")
				|| environment.containsProperty("spring.data.redis.cluster.nodes")) {
			return;
		}
		String host = environment.getProperty("spring.data.redis.host", "localhost");
		int port = environment.getProperty("spring.data.redis.port", Integer.class, 6379);
		if (RedisServerProcess.answersPing(host, port)) {
			return;
		}
		RedisServerBinary binary;
		try {
			binary = RedisServerBinary.find();
		}
		catch (IllegalStateException ex) {
			this.logger.error("No Redis answers at " + host + ":" + port + ", so the development fallback would start"
					+ " one, but: " + ex.getMessage() + " Or point spring.data.redis.host/port at a running Redis."
					+ " The service starts anyway; handlers connect once Redis answers.");
			return;
		}
		String version = binary.version();
		RedisServerProcess redis = RedisServerProcess.start(binary, Map.of());
		// after the contexts have closed (handlers stopped, entries acknowledged), not in
		// a JVM
		// shutdown hook of its own, which would run alongside Boot's and stop Redis under
		// them
		SpringApplication.getShutdownHandlers().add(redis::close);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("developmentRedis",
					Map.of("spring.data.redis.host", redis.host(), "spring.data.redis.port", redis.port())));
		application.addInitializers((context) -> {
			if (context instanceof GenericApplicationContext generic) {
				generic.registerBean("developmentRedis", RedisServerProcess.class, () -> redis);
			}
		});
		this.logger.warn("No Redis answers at " + host + ":" + port + "; started a DEVELOPMENT Redis " + version
				+ " for this run: " + binary + " on " + redis.host() + ":" + redis.port() + " (pid " + redis.pid()
				+ ", no persistence, stopped on exit); " + whatWorks(version) + ". Not for production: it is off"
				+ " with the 'prod' profile or " + ENABLED_PROPERTY
				+ "=false; configure spring.data.redis.* to use your own Redis.");
	}

	/**
	 * What works on a Redis of the given version.
	 * @param version a version such as {@code 7.0.15}
	 * @return a sentence fragment for the log
	 */
	static String whatWorks(String version) {
		String[] parts = version.split("\\.");
		int major = Integer.parseInt(parts[0]);
		int minor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
		if (major >= 7) {
			return "every feature of the sample works on it";
		}
		if (major == 6 && minor >= 2) {
			return "consumer lag and entries read need Redis 7: the endpoint shows them as null and the lag gauge"
					+ " as NaN (unknown)";
		}
		return "process-redis-events needs Redis 6.2 or newer (XAUTOCLAIM): handlers will fail on it";
	}

}
