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

import java.nio.file.Path;
import java.util.Map;

import io.github.processredisevents.test.RedisServerBinary;
import io.github.processredisevents.test.RedisServerProcess;

/**
 * A private {@code redis-server} process on a free loopback port, for tests: started,
 * killed (SIGKILL), paused (SIGSTOP/SIGCONT), shut down and restarted on the same port
 * and directory. A thin delegate to the test kit's {@link RedisServerProcess}, which runs
 * the {@code redis-server} on the PATH, else the bundled one; kept so that the fixtures
 * built on it keep their names.
 */
public final class RedisServer implements AutoCloseable {

	private final RedisServerProcess process;

	private RedisServer(RedisServerProcess process) {
		this.process = process;
	}

	/**
	 * Whether a {@code redis-server} can be started: on the PATH, or bundled for this
	 * platform.
	 * @return whether it can be started
	 */
	public static boolean isInstalled() {
		return isOnPath() || RedisServerBinary.findBundled() != null;
	}

	/**
	 * Whether {@code redis-server} is on the PATH (and with it, from the same package,
	 * {@code redis-cli}).
	 * @return whether it is on the PATH
	 */
	public static boolean isOnPath() {
		return RedisServerBinary.findOnPath() != null;
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
		return new RedisServer(RedisServerProcess.start(config));
	}

	/**
	 * The test kit's process behind this fixture.
	 * @return the process
	 */
	public RedisServerProcess process() {
		return this.process;
	}

	/**
	 * The port it listens on (127.0.0.1 only).
	 * @return the port
	 */
	public int port() {
		return this.process.port();
	}

	/**
	 * The host, always 127.0.0.1.
	 * @return the host
	 */
	public String host() {
		return this.process.host();
	}

	/**
	 * Its working directory (AOF and RDB files).
	 * @return the directory
	 */
	public Path directory() {
		return this.process.directory();
	}

	/**
	 * Its process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Kill it with SIGKILL and wait for it to die.
	 */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Shut it down gracefully (SIGTERM: Redis saves if persistence is on).
	 */
	public void shutdown() {
		this.process.shutdown();
	}

	/**
	 * Stop it with SIGSTOP: connections stay open but nothing answers.
	 */
	public void pause() {
		this.process.pause();
	}

	/**
	 * Continue it after {@link #pause()}.
	 */
	public void resume() {
		this.process.resume();
	}

	/**
	 * Start it again on the same port and directory.
	 */
	public void restart() {
		this.process.restart();
	}

	/**
	 * Whether the process runs.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.process.isRunning();
	}

	/**
	 * Kill the server and delete its directory.
	 */
	@Override
	public void close() {
		this.process.close();
	}

	/**
	 * A port that is free on 127.0.0.1 right now.
	 * @return the port
	 */
	public static int freePort() {
		return RedisServerProcess.freePort();
	}

}
