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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A private {@code redis-server} child process on a free port of 127.0.0.1, without
 * persistence unless configured: started, killed (SIGKILL), paused (SIGSTOP/SIGCONT),
 * shut down and restarted on the same port and directory, and closed. The one
 * implementation behind the test kit, the project's own test fixtures and the sample's
 * development Redis.
 *
 * @since 0.1.0
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private final RedisServerBinary binary;

	private final int port;

	private final Path directory;

	private final Map<String, String> config;

	private @Nullable Process process;

	private RedisServerProcess(RedisServerBinary binary, int port, Path directory, Map<String, String> config) {
		this.binary = binary;
		this.port = port;
		this.directory = directory;
		this.config = config;
	}

	/**
	 * Start a server without persistence, from {@link RedisServerBinary#find()}.
	 * @return the running server
	 */
	public static RedisServerProcess start() {
		return start(Map.of());
	}

	/**
	 * Start a server from {@link RedisServerBinary#find()} with extra configuration
	 * directives, such as {@code appendonly yes}.
	 * @param config directive names (without {@code --}) and values
	 * @return the running server
	 */
	public static RedisServerProcess start(Map<String, String> config) {
		return start(RedisServerBinary.find(), config);
	}

	/**
	 * Start a server from the given executable with extra configuration directives.
	 * @param binary the executable
	 * @param config directive names (without {@code --}) and values
	 * @return the running server
	 */
	public static RedisServerProcess start(RedisServerBinary binary, Map<String, String> config) {
		try {
			Path directory = Files.createTempDirectory("redis-server-");
			RedisServerProcess server = new RedisServerProcess(binary, freePort(), directory,
					new LinkedHashMap<>(config));
			server.launch();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The host it listens on.
	 * @return always {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Its address as a Redis URI.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	public String uri() {
		return "redis://" + HOST + ":" + this.port;
	}

	/**
	 * Its working directory (AOF and RDB files, {@code redis.log}).
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The executable it runs.
	 * @return the executable
	 */
	public RedisServerBinary binary() {
		return this.binary;
	}

	/**
	 * Its process id.
	 * @return the pid
	 * @throws IllegalStateException when it is not running
	 */
	public long pid() {
		return requireProcess().pid();
	}

	/**
	 * Whether the process runs.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
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
	 * Shut it down gracefully (SIGTERM: Redis saves first when persistence is on).
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
	 * Start it again on the same port and directory, shutting it down first if it runs.
	 */
	public void restart() {
		if (this.process != null) {
			shutdown();
		}
		launch();
	}

	/**
	 * Kill the server and delete its directory.
	 */
	@Override
	public void close() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			waitFor(current);
			this.process = null;
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory is harmless
		}
	}

	@Override
	public String toString() {
		return "redis-server " + this.binary + " on " + HOST + ":" + this.port;
	}

	private void launch() {
		List<String> command = new ArrayList<>(List.of(this.binary.path().toString(), "--port",
				Integer.toString(this.port), "--bind", HOST, "--dir", this.directory.toString(), "--save", "",
				"--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning"));
		this.config.forEach((name, value) -> {
			command.add("--" + name);
			command.add(value);
		});
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("redis.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.binary + ": " + ex.getMessage(), ex);
		}
		awaitAnswer(Duration.ofSeconds(20));
	}

	private void awaitAnswer(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				throw new IllegalStateException(this.binary + " exited at start; see " + log());
			}
			if (firstByteOfPingReply(HOST, this.port) == '+') {
				return; // PONG, not -LOADING while it reads its AOF or RDB file
			}
			sleep(20);
		}
		throw new IllegalStateException(
				this.binary + " did not answer on port " + this.port + " within " + timeout + "; see " + log());
	}

	private String log() {
		Path log = this.directory.resolve("redis.log");
		try {
			String text = Files.readString(log).strip();
			return log + (text.isEmpty() ? "" : ": " + text.substring(Math.max(0, text.length() - 500)));
		}
		catch (IOException ex) {
			return log.toString();
		}
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
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is not running");
		}
		return current;
	}

	/**
	 * Whether a Redis answers a {@code PING} at the address within a second (any reply,
	 * an authentication error too, counts).
	 * @param host the host
	 * @param port the port
	 * @return whether something speaking RESP answered
	 */
	public static boolean answersPing(String host, int port) {
		int first = firstByteOfPingReply(host, port);
		return first == '+' || first == '-';
	}

	private static int firstByteOfPingReply(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return in.read();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * A port that is free on 127.0.0.1 right now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

}
