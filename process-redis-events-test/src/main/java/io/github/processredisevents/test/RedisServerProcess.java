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
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A private {@code redis-server} child process on a free port of 127.0.0.1, without
 * persistence unless configured: started, killed (SIGKILL), paused (SIGSTOP/SIGCONT),
 * shut down and restarted on the same port and directory, and closed. A port is picked
 * free before Redis binds it, so on a busy machine something else may take it meanwhile:
 * such a start is tried again on fresh ports, up to three times. The one implementation
 * behind the test kit, the project's own test fixtures (Sentinels and cluster nodes
 * included) and the sample's development Redis.
 *
 * @since 0.1.0
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	/**
	 * How often a start is tried on fresh ports when a port it picked was taken before
	 * Redis could bind it (the machine is busy: something else picked it meanwhile).
	 */
	static final int START_ATTEMPTS = 3;

	private final RedisServerBinary binary;

	private final int port;

	private final Path directory;

	private final Map<String, String> config;

	private final boolean sentinel;

	private @Nullable Process process;

	private RedisServerProcess(RedisServerBinary binary, int port, Path directory, Map<String, String> config,
			boolean sentinel) {
		this.binary = binary;
		this.port = port;
		this.directory = directory;
		this.config = config;
		this.sentinel = sentinel;
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
		return start(binary, config, false, RedisServerProcess::freePort);
	}

	/**
	 * Start a Sentinel ({@code redis-server sentinel.conf --sentinel}) from
	 * {@link RedisServerBinary#find()}. Its directives are written to
	 * {@code sentinel.conf} in its directory, which the Sentinel rewrites as it learns
	 * the primaries, replicas and other Sentinels.
	 * @param directives configuration lines as name and value, in order, such as
	 * {@code "sentinel monitor events"} and {@code "127.0.0.1 6380 2"}
	 * @return the running Sentinel
	 */
	public static RedisServerProcess startSentinel(Map<String, String> directives) {
		return start(RedisServerBinary.find(), directives, true, RedisServerProcess::freePort);
	}

	/**
	 * Start on a port from {@code ports}, and on another one, up to
	 * {@link #START_ATTEMPTS} times, when Redis finds a port it was given taken. A
	 * cluster node ({@code cluster-enabled yes}) without a {@code cluster-port} gets one
	 * from {@code ports} too, rather than its port + 10000, which may be taken or past
	 * 65535.
	 */
	static RedisServerProcess start(RedisServerBinary binary, Map<String, String> config, boolean sentinel,
			IntSupplier ports) {
		for (int attempt = 1;; attempt++) {
			Map<String, String> effective = new LinkedHashMap<>(config);
			if ("yes".equals(config.get("cluster-enabled")) && !config.containsKey("cluster-port")) {
				effective.put("cluster-port", Integer.toString(ports.getAsInt()));
			}
			RedisServerProcess server;
			try {
				server = new RedisServerProcess(binary, ports.getAsInt(), Files.createTempDirectory("redis-server-"),
						effective, sentinel);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try {
				server.launch();
				return server;
			}
			catch (PortTakenException ex) {
				server.close();
				if (attempt == START_ATTEMPTS) {
					throw new IllegalStateException(binary + " found a port taken at each of " + START_ATTEMPTS
							+ " starts; the last time: " + ex.getMessage(), ex);
				}
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
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
		List<String> command = new ArrayList<>(List.of(this.binary.path().toString()));
		if (this.sentinel) {
			command.addAll(List.of(sentinelConfig().toString(), "--sentinel"));
		}
		command.addAll(List.of("--port", Integer.toString(this.port), "--bind", HOST, "--dir",
				this.directory.toString(), "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning"));
		if (!this.sentinel) {
			command.addAll(List.of("--save", "", "--appendonly", "no"));
			this.config.forEach((name, value) -> {
				command.add("--" + name);
				command.add(value);
			});
		}
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

	/**
	 * The Sentinel's configuration file, written on the first start only: a restart keeps
	 * what the Sentinel has learnt.
	 */
	private Path sentinelConfig() {
		Path file = this.directory.resolve("sentinel.conf");
		if (!Files.exists(file)) {
			StringBuilder lines = new StringBuilder();
			this.config.forEach((name, value) -> lines.append(name).append(' ').append(value).append('\n'));
			try {
				Files.writeString(file, lines);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return file;
	}

	private void awaitAnswer(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				waitFor(current);
				String log = log();
				if (log.contains("Address already in use")) {
					throw new PortTakenException(this.binary + " found a port taken at start; see " + log);
				}
				throw new IllegalStateException(this.binary + " exited at start; see " + log);
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

	private static void waitFor(@Nullable Process process) {
		if (process == null) {
			return;
		}
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
	 * Redis exited at start because a port it was given was taken.
	 */
	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(String message) {
			super(message);
		}

	}

}
