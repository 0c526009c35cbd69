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

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

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
 * {@code redis-server} from the PATH as a child process on a free loopback port and
 * points {@code spring.data.redis.*} at it, so that the sample runs on a machine with
 * only a JDK and Redis installed. Off with the {@code prod} profile, with
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
		if (answersPing(host, port)) {
			return;
		}
		Path executable = findOnPath("redis-server");
		if (executable == null) {
			this.logger.error("No Redis answers at " + host + ":" + port + " and redis-server is not installed, so"
					+ " the development fallback cannot start one. Install Redis (Debian/Ubuntu: 'sudo apt-get"
					+ " install redis-server', macOS: 'brew install redis') or point spring.data.redis.host/port at"
					+ " a running Redis. The service starts anyway; handlers connect once Redis answers.");
			return;
		}
		DevelopmentRedis redis = DevelopmentRedis.start(executable);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("developmentRedis",
					Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", redis.port())));
		application.addInitializers((context) -> {
			if (context instanceof GenericApplicationContext generic) {
				generic.registerBean("developmentRedis", DevelopmentRedis.class, () -> redis);
			}
		});
		this.logger.warn("No Redis answers at " + host + ":" + port + "; started a DEVELOPMENT Redis for this run: "
				+ executable + " on 127.0.0.1:" + redis.port() + " (pid " + redis.pid()
				+ ", no persistence, stopped on exit). Not for production: it is off with the 'prod' profile or "
				+ ENABLED_PROPERTY + "=false; configure spring.data.redis.* to use your own Redis.");
	}

	static boolean answersPing(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			int first = in.read();
			return first == '+' || first == '-';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static @Nullable Path findOnPath(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * A {@code redis-server} child process on a free loopback port.
	 */
	static final class DevelopmentRedis implements AutoCloseable {

		private final Process process;

		private final int port;

		private DevelopmentRedis(Process process, int port) {
			this.process = process;
			this.port = port;
		}

		static DevelopmentRedis start(Path executable) {
			try {
				Path directory = Files.createTempDirectory("order-service-redis-");
				int port = freePort();
				Process process = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port), "--bind",
						"127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no",
						"--protected-mode", "yes", "--daemonize", "no")
					.redirectErrorStream(true)
					.redirectOutput(directory.resolve("redis.log").toFile())
					.start();
				DevelopmentRedis redis = new DevelopmentRedis(process, port);
				Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "development-redis-stop"));
				redis.awaitAnswer(directory);
				return redis;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the development redis-server", ex);
			}
		}

		private void awaitAnswer(Path directory) {
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"The development redis-server exited at start; see " + directory.resolve("redis.log"));
				}
				if (answersPing("127.0.0.1", this.port)) {
					return;
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			throw new IllegalStateException("The development redis-server did not answer on port " + this.port);
		}

		int port() {
			return this.port;
		}

		long pid() {
			return this.process.pid();
		}

		@Override
		public void close() {
			if (this.process.isAlive()) {
				this.process.destroy();
			}
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

	}

}
