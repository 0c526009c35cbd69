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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A private {@code redis-server} process on a free loopback port, for tests: started,
 * killed (SIGKILL), paused (SIGSTOP/SIGCONT), shut down and restarted on the same port
 * and directory.
 */
public final class RedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private final Map<String, String> config;

	private @Nullable Process process;

	private RedisServer(int port, Path directory, Map<String, String> config) {
		this.port = port;
		this.directory = directory;
		this.config = config;
	}

	/**
	 * Whether {@code redis-server} is on the PATH.
	 * @return whether it can be started
	 */
	public static boolean isInstalled() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "redis-server"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Start a server without persistence.
	 * @return the running server
	 */
	public static RedisServer start() {
		return start(Map.of());
	}

	/**
	 * Start a server with extra configuration, such as {@code appendonly yes}.
	 * @param config configuration directives
	 * @return the running server
	 */
	public static RedisServer start(Map<String, String> config) {
		try {
			Path directory = Files.createTempDirectory("redis-test-");
			RedisServer server = new RedisServer(freePort(), directory, config);
			server.launch();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port it listens on (127.0.0.1 only).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The host, always 127.0.0.1.
	 * @return the host
	 */
	public String host() {
		return "127.0.0.1";
	}

	/**
	 * Its working directory (AOF and RDB files).
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Its process id.
	 * @return the pid
	 */
	public long pid() {
		return requireProcess().pid();
	}

	/**
	 * Kill it with SIGKILL and wait for it to die.
	 */
	public void kill() {
		Process current = requireProcess();
		current.destroyForcibly();
		waitFor(current);
		this.process = null;
	}

	/**
	 * Shut it down gracefully (SIGTERM: Redis saves if persistence is on).
	 */
	public void shutdown() {
		Process current = requireProcess();
		current.destroy();
		waitFor(current);
		this.process = null;
	}

	/**
	 * Stop it with SIGSTOP: connections stay open but nothing answers.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Continue it after {@link #pause()}.
	 */
	public void resume() {
		signal("CONT");
	}

	/**
	 * Start it again on the same port and directory.
	 */
	public void restart() {
		if (this.process != null) {
			shutdown();
		}
		launch();
	}

	/**
	 * Whether the process runs.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Kill the server and delete its directory.
	 */
	@Override
	public void close() {
		if (this.process != null) {
			this.process.destroyForcibly();
			waitFor(this.process);
			this.process = null;
		}
		deleteDirectory();
	}

	private void deleteDirectory() {
		try (java.util.stream.Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory is harmless
		}
	}

	private void launch() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--dir", this.directory.toString(), "--save", "", "--appendonly", "no", "--protected-mode",
				"yes", "--daemonize", "no", "--loglevel", "warning"));
		this.config.forEach((name, value) -> {
			command.add("--" + name);
			command.add(value);
		});
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server: " + ex.getMessage(), ex);
		}
		awaitListening(Duration.ofSeconds(20));
	}

	private void awaitListening(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.process == null || !this.process.isAlive()) {
				throw new IllegalStateException(
						"redis-server exited at start; see " + this.directory.resolve("redis.log"));
			}
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.getOutputStream().write("PING\r\n".getBytes());
				if (socket.getInputStream().read() == '+') {
					return;
				}
			}
			catch (IOException ex) {
				// not yet
			}
			sleep(20);
		}
		throw new IllegalStateException("redis-server did not answer on port " + this.port + " within " + timeout);
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
			kill.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Process requireProcess() {
		if (this.process == null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is not running");
		}
		return this.process;
	}

	private static void waitFor(Process process) {
		try {
			process.waitFor(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A port that is free on 127.0.0.1 right now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
