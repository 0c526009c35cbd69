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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.processredisevents.test.RedisServerProcess;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A primary with one replica, watched by three sentinels ({@code redis-server
 * --sentinel}), on loopback, for failover tests. Sentinels consider the primary down
 * after one second and fail over to the replica.
 */
public final class RedisSentinels implements AutoCloseable {

	/** The name the sentinels monitor the primary under. */
	public static final String MASTER_NAME = "events";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final List<RedisServer> servers = new ArrayList<>();

	private final List<RedisServerProcess> sentinels = new ArrayList<>();

	private final List<Integer> sentinelPorts = new ArrayList<>();

	private RedisSentinels() {
	}

	/**
	 * Start a primary, its replica and three sentinels, and wait until every sentinel
	 * knows the primary and its replica.
	 * @return the running setup
	 */
	public static RedisSentinels start() {
		RedisSentinels setup = new RedisSentinels();
		try {
			RedisServer primary = RedisServer.start(Map.of("repl-diskless-sync-delay", "0"));
			setup.servers.add(primary);
			setup.servers.add(RedisServer
				.start(Map.of("replicaof", primary.host() + " " + primary.port(), "repl-diskless-sync-delay", "0")));
			for (int i = 0; i < 3; i++) {
				setup.startSentinel(primary.port());
			}
			setup.awaitUntil(() -> setup.sentinelPorts.stream().allMatch((port) -> {
				try (Jedis jedis = new Jedis("127.0.0.1", port)) {
					return jedis.sentinelReplicas(MASTER_NAME).size() == 1
							&& jedis.sentinelSentinels(MASTER_NAME).size() == 2;
				}
			}), "the sentinels to know the primary, its replica and each other");
			return setup;
		}
		catch (RuntimeException ex) {
			setup.close();
			throw ex;
		}
	}

	private void startSentinel(int primaryPort) {
		Map<String, String> directives = new LinkedHashMap<>();
		directives.put("sentinel monitor " + MASTER_NAME, "127.0.0.1 " + primaryPort + " 2");
		directives.put("sentinel down-after-milliseconds " + MASTER_NAME, "1000");
		directives.put("sentinel failover-timeout " + MASTER_NAME, "10000");
		RedisServerProcess sentinel = RedisServerProcess.startSentinel(directives);
		this.sentinels.add(sentinel);
		this.sentinelPorts.add(sentinel.port());
	}

	/**
	 * The sentinels' addresses.
	 * @return the addresses
	 */
	public Set<HostAndPort> sentinels() {
		Set<HostAndPort> addresses = new LinkedHashSet<>();
		this.sentinelPorts.forEach((port) -> addresses.add(new HostAndPort("127.0.0.1", port)));
		return addresses;
	}

	/**
	 * The primary as the sentinels see it now.
	 * @return its endpoint
	 */
	public RedisEndpoint primary() {
		for (int port : this.sentinelPorts) {
			try (Jedis jedis = new Jedis("127.0.0.1", port)) {
				List<String> address = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
				return new RedisEndpoint(address.get(0), Integer.parseInt(address.get(1)));
			}
			catch (RuntimeException ex) {
				// ask the next sentinel
			}
		}
		throw new IllegalStateException("No sentinel answered");
	}

	/**
	 * Kill (SIGKILL) the primary and wait until the sentinels have promoted the replica
	 * and it accepts writes.
	 * @return the new primary
	 */
	public RedisEndpoint failPrimary() {
		RedisEndpoint old = primary();
		server(old).kill();
		awaitUntil(() -> {
			RedisEndpoint now = primary();
			if (now.equals(old)) {
				return false;
			}
			try (Jedis jedis = new Jedis(now.host(), now.port())) {
				return jedis.info("replication").contains("role:master");
			}
		}, "a sentinel failover away from " + old);
		return primary();
	}

	/**
	 * Kill every process and delete the directory.
	 */
	@Override
	public void close() {
		this.sentinels.forEach(RedisServerProcess::close);
		this.servers.forEach(RedisServer::close);
	}

	private RedisServer server(RedisEndpoint endpoint) {
		return this.servers.stream()
			.filter((server) -> server.port() == endpoint.port())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(endpoint + " is not a server of this setup"));
	}

	private void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not yet
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + what, ex);
			}
		}
		throw new IllegalStateException("Timed out after " + TIMEOUT + " waiting for " + what);
	}

}
