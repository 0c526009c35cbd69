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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster on loopback for tests: three primaries and three replicas, each a
 * {@link RedisServer} started with {@code cluster-enabled yes} on free ports, joined with
 * {@code redis-cli --cluster create ... --cluster-replicas 1}. It can kill (SIGKILL) the
 * primary that owns a key and wait until its replica is promoted, move slots between
 * primaries ({@code redis-cli --cluster reshard}), and bring killed nodes back.
 *
 * <p>
 * The cluster node timeout is short (2 s by default) so failovers take seconds. Start one
 * cluster per test class ({@link RealRedisCluster} does that) and {@link #close()} it
 * afterwards. Needs {@code redis-server} and {@code redis-cli} 7 on the PATH.
 */
public final class RedisCluster implements AutoCloseable {

	/**
	 * The default {@code cluster-node-timeout}.
	 */
	public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final List<RedisServer> nodes;

	private final Duration nodeTimeout;

	private RedisCluster(List<RedisServer> nodes, Duration nodeTimeout) {
		this.nodes = nodes;
		this.nodeTimeout = nodeTimeout;
	}

	/**
	 * Whether {@code redis-server} (and with it {@code redis-cli}) is on the PATH: the
	 * bundled server alone cannot create a cluster.
	 * @return whether a cluster can be started
	 */
	public static boolean isInstalled() {
		return RedisServer.isOnPath();
	}

	/**
	 * Start three primaries and three replicas with the default node timeout.
	 * @return the running cluster, {@code cluster_state:ok} on every node
	 */
	public static RedisCluster start() {
		return start(DEFAULT_NODE_TIMEOUT);
	}

	/**
	 * Start three primaries and three replicas.
	 * @param nodeTimeout the {@code cluster-node-timeout}: how long a primary may be
	 * unreachable before its replica takes over
	 * @return the running cluster, {@code cluster_state:ok} on every node
	 */
	public static RedisCluster start(Duration nodeTimeout) {
		List<RedisServer> nodes = new ArrayList<>();
		RedisCluster cluster = new RedisCluster(nodes, nodeTimeout);
		try {
			for (int i = 0; i < 6; i++) {
				// a free cluster bus port comes with cluster-enabled, fresh when a start
				// is tried again because a port was taken
				nodes.add(RedisServer.start(Map.of("cluster-enabled", "yes", "cluster-node-timeout",
						Long.toString(nodeTimeout.toMillis()), "cluster-config-file", "nodes.conf",
						// replicas sync at once instead of after the default 5 s
						"repl-diskless-sync-delay", "0")));
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			nodes.forEach((node) -> create.add(node.host() + ":" + node.port()));
			create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
			run(create);
			cluster.awaitHealthy();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Every node's address, for {@code JedisCluster} or
	 * {@code spring.data.redis.cluster.nodes}.
	 * @return the addresses of all six nodes, including killed ones
	 */
	public Set<HostAndPort> nodes() {
		return this.nodes.stream()
			.map((node) -> new HostAndPort(node.host(), node.port()))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * The nodes as {@code host:port,host:port,...}, the form of
	 * {@code spring.data.redis.cluster.nodes}.
	 * @return the node list
	 */
	public String nodesProperty() {
		return nodes().stream().map(HostAndPort::toString).collect(Collectors.joining(","));
	}

	/**
	 * The {@code cluster-node-timeout} the nodes run with.
	 * @return the node timeout
	 */
	public Duration nodeTimeout() {
		return this.nodeTimeout;
	}

	/**
	 * The primaries that serve slots now, as seen by a running node.
	 * @return the primaries' endpoints
	 */
	public List<RedisEndpoint> primaries() {
		return view().stream()
			.filter(ClusterNode::isServingPrimary)
			.map(ClusterNode::endpoint)
			.collect(Collectors.toList());
	}

	/**
	 * The primary that owns the slot of {@code key} now.
	 * @param key a key (hash tags count)
	 * @return the primary's endpoint
	 */
	public RedisEndpoint primaryFor(String key) {
		int slot = JedisClusterCRC16.getSlot(key);
		return ownerOf(slot).orElseThrow(() -> new IllegalStateException("No primary serves slot " + slot)).endpoint();
	}

	/**
	 * The lowest slot a primary serves now.
	 * @param primary the primary's endpoint
	 * @return its lowest slot
	 */
	public int firstSlotOf(RedisEndpoint primary) {
		return view().stream()
			.filter((node) -> node.isServingPrimary() && node.endpoint().equals(primary))
			.flatMap((node) -> node.slots().stream())
			.mapToInt((range) -> range[0])
			.min()
			.orElseThrow(() -> new IllegalArgumentException(primary + " serves no slots"));
	}

	/**
	 * Kill (SIGKILL) the primary that owns the slot of {@code key}, without waiting for a
	 * replica to take over.
	 * @param key a key (hash tags count)
	 * @return the endpoint of the killed primary
	 */
	public RedisEndpoint killPrimaryFor(String key) {
		RedisEndpoint primary = primaryFor(key);
		server(primary).kill();
		return primary;
	}

	/**
	 * Wait until a running primary owns the slot of {@code key} and every running node
	 * says {@code cluster_state:ok}.
	 * @param key a key (hash tags count)
	 * @param timeout how long to wait
	 * @return the endpoint of the serving primary
	 */
	public RedisEndpoint awaitPrimaryFor(String key, Duration timeout) {
		int slot = JedisClusterCRC16.getSlot(key);
		awaitUntil(() -> allRunningAgree(slot) && allRunningOk(), timeout,
				"a running primary for slot " + slot + " (key '" + key + "')");
		return primaryFor(key);
	}

	/**
	 * Kill (SIGKILL) the primary that owns the slot of {@code key} and wait until its
	 * replica is promoted and the cluster is {@code ok} again.
	 * @param key a key (hash tags count)
	 * @return the endpoint of the new primary
	 */
	public RedisEndpoint failPrimaryFor(String key) {
		killPrimaryFor(key);
		return awaitPrimaryFor(key, this.nodeTimeout.multipliedBy(10).plus(START_TIMEOUT));
	}

	/**
	 * Start a killed node again on its port and directory: it rejoins the cluster as a
	 * replica (without data, since the nodes keep none on disk) and this waits until its
	 * replication link is up.
	 * @param node the node's endpoint
	 */
	public void restart(RedisEndpoint node) {
		RedisServer server = server(node);
		server.restart();
		awaitUntil(() -> {
			String replication = command(node, (jedis) -> jedis.info("replication"));
			return replication.contains("role:slave") && replication.contains("master_link_status:up");
		}, START_TIMEOUT, node + " to rejoin as a replica");
		awaitHealthy();
	}

	/**
	 * Move slots from one primary to another with {@code redis-cli --cluster reshard},
	 * keys included; returns when the move is complete.
	 * @param from the primary that gives the slots
	 * @param to the primary that takes them
	 * @param slots how many slots to move
	 */
	public void reshard(RedisEndpoint from, RedisEndpoint to, int slots) {
		run(List.of("redis-cli", "--cluster", "reshard", to.host() + ":" + to.port(), "--cluster-from", nodeId(from),
				"--cluster-to", nodeId(to), "--cluster-slots", Integer.toString(slots), "--cluster-yes",
				"--cluster-pipeline", "100"));
		awaitHealthy();
	}

	/**
	 * Move the slot of one key, with its keys, to another primary, one step at a time as
	 * {@code redis-cli --cluster reshard} does: the new owner imports it, the old one
	 * migrates it, the keys move ({@code MIGRATE}, which deletes each from the old
	 * owner), then every primary learns the new owner.
	 * @param key a key (hash tags count)
	 * @param to the primary that takes the slot
	 * @param beforeTheKeysMove run once the slot is importing and migrating, just before
	 * its keys move
	 */
	public void moveSlotOf(String key, RedisEndpoint to, Runnable beforeTheKeysMove) {
		int slot = JedisClusterCRC16.getSlot(key);
		RedisEndpoint from = primaryFor(key);
		String fromId = nodeId(from);
		String toId = nodeId(to);
		command(to, (jedis) -> jedis.clusterSetSlotImporting(slot, fromId));
		command(from, (jedis) -> jedis.clusterSetSlotMigrating(slot, toId));
		beforeTheKeysMove.run();
		List<String> keys = command(from, (jedis) -> jedis.clusterGetKeysInSlot(slot, 100));
		while (!keys.isEmpty()) {
			String[] batch = keys.toArray(String[]::new);
			command(from,
					(jedis) -> jedis.migrate(to.host(), to.port(), 0, 5000, MigrateParams.migrateParams(), batch));
			keys = command(from, (jedis) -> jedis.clusterGetKeysInSlot(slot, 100));
		}
		command(to, (jedis) -> jedis.clusterSetSlotNode(slot, toId));
		command(from, (jedis) -> jedis.clusterSetSlotNode(slot, toId));
		for (RedisEndpoint primary : primaries()) {
			if (!primary.equals(from) && !primary.equals(to)) {
				command(primary, (jedis) -> jedis.clusterSetSlotNode(slot, toId));
			}
		}
		awaitHealthy();
	}

	/**
	 * The node id of a node.
	 * @param node the node's endpoint
	 * @return its cluster node id
	 */
	public String nodeId(RedisEndpoint node) {
		return command(node, Jedis::clusterMyId);
	}

	/**
	 * Run a command on one node.
	 * @param <T> the result type
	 * @param node the node's endpoint
	 * @param command what to do with a connection to it
	 * @return the command's result
	 */
	public <T> T command(RedisEndpoint node, java.util.function.Function<Jedis, T> command) {
		try (Jedis jedis = new Jedis(node.hostAndPort(),
				DefaultJedisClientConfig.builder().timeoutMillis(5000).build())) {
			return command.apply(jedis);
		}
	}

	/**
	 * Wait until every running node says {@code cluster_state:ok}, every slot has a
	 * running primary, and every running replica's link to its primary is up.
	 */
	public void awaitHealthy() {
		awaitUntil(() -> allRunningOk() && allReplicasLinked(), START_TIMEOUT, "cluster_state:ok on every node");
	}

	/**
	 * Kill every node and delete its directory.
	 */
	@Override
	public void close() {
		this.nodes.forEach(RedisServer::close);
	}

	private boolean allRunningOk() {
		return running().stream().allMatch((node) -> {
			String info = command(node, Jedis::clusterInfo);
			return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384");
		});
	}

	private boolean allReplicasLinked() {
		return running().stream().allMatch((node) -> {
			String replication = command(node, (jedis) -> jedis.info("replication"));
			return !replication.contains("role:slave") || replication.contains("master_link_status:up");
		});
	}

	private boolean allRunningAgree(int slot) {
		Set<RedisEndpoint> alive = Set.copyOf(running());
		for (RedisEndpoint node : running()) {
			Optional<ClusterNode> owner = ownerOf(slot, parse(command(node, Jedis::clusterNodes)));
			if (owner.isEmpty() || !alive.contains(owner.get().endpoint())) {
				return false;
			}
		}
		return true;
	}

	private Optional<ClusterNode> ownerOf(int slot) {
		return ownerOf(slot, view());
	}

	private static Optional<ClusterNode> ownerOf(int slot, List<ClusterNode> view) {
		return view.stream().filter((node) -> node.isServingPrimary() && node.serves(slot)).findFirst();
	}

	private List<ClusterNode> view() {
		RedisEndpoint any = running().stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No cluster node runs"));
		return parse(command(any, Jedis::clusterNodes));
	}

	private List<RedisEndpoint> running() {
		return this.nodes.stream()
			.filter(RedisServer::isRunning)
			.map((node) -> new RedisEndpoint(node.host(), node.port()))
			.collect(Collectors.toList());
	}

	private RedisServer server(RedisEndpoint endpoint) {
		return this.nodes.stream()
			.filter((node) -> node.port() == endpoint.port())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(endpoint + " is not a node of this cluster"));
	}

	private static List<ClusterNode> parse(String clusterNodes) {
		return clusterNodes.lines().filter((line) -> !line.isBlank()).map(ClusterNode::parse).toList();
	}

	private static void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + what, ex);
			}
		}
		throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what, last);
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(
						String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command.get(0) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
		}
	}

	/**
	 * One line of {@code CLUSTER NODES}.
	 */
	private record ClusterNode(String id, RedisEndpoint endpoint, Set<String> flags, List<int[]> slots) {

		static ClusterNode parse(String line) {
			String[] fields = line.trim().split(" ");
			String address = fields[1].substring(0, fields[1].indexOf('@'));
			int colon = address.lastIndexOf(':');
			RedisEndpoint endpoint = new RedisEndpoint(address.substring(0, colon),
					Integer.parseInt(address.substring(colon + 1)));
			List<int[]> slots = new ArrayList<>();
			for (int i = 8; i < fields.length; i++) {
				if (fields[i].startsWith("[")) {
					continue; // a slot being migrated or imported
				}
				String[] range = fields[i].split("-");
				int first = Integer.parseInt(range[0]);
				slots.add(new int[] { first, (range.length > 1) ? Integer.parseInt(range[1]) : first });
			}
			return new ClusterNode(fields[0], endpoint, Set.of(fields[2].split(",")), slots);
		}

		boolean isServingPrimary() {
			return this.flags.contains("master") && !this.flags.contains("fail") && !this.flags.contains("fail?")
					&& !this.slots.isEmpty();
		}

		boolean serves(int slot) {
			return this.slots.stream().anyMatch((range) -> slot >= range[0] && slot <= range[1]);
		}

	}

}
