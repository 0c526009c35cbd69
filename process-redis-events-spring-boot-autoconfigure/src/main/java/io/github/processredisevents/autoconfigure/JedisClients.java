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

package io.github.processredisevents.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLParameters;

import io.github.processredisevents.core.RedisEvents;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * Creates Jedis clients from Spring Boot's Redis connection details: a pooled client for
 * commands and, per processor, a client for blocking reads. Standalone, sentinel and
 * cluster setups are supported, with credentials, database, SSL and timeouts.
 */
final class JedisClients {

	private final DataRedisConnectionDetails details;

	private final @Nullable DataRedisProperties properties;

	private final Set<UnifiedJedis> created = java.util.Collections
		.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

	JedisClients(DataRedisConnectionDetails details, @Nullable DataRedisProperties properties) {
		this.details = details;
		this.properties = properties;
	}

	/**
	 * Create the pooled client for commands.
	 * @return the client
	 */
	UnifiedJedis createClient() {
		UnifiedJedis client = create(clientConfig(), poolConfig());
		this.created.add(client);
		return client;
	}

	/**
	 * Whether a client was made here, so that blocking-read clients fit it.
	 * @param client the client
	 * @return whether it was made here
	 */
	boolean created(UnifiedJedis client) {
		return this.created.contains(client);
	}

	/**
	 * Where the clients made here connect, for messages: {@code host:port}, or the nodes
	 * of a cluster or sentinel setup.
	 * @return the address
	 */
	String address() {
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		if (cluster != null) {
			return "cluster " + nodes(cluster.getNodes());
		}
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		if (sentinel != null) {
			return "master '" + sentinel.getMaster() + "' of sentinels " + nodes(sentinel.getNodes());
		}
		DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
		return standalone.getHost() + ":" + standalone.getPort();
	}

	private static String nodes(List<DataRedisConnectionDetails.Node> nodes) {
		return String.join(", ", nodes.stream().map((node) -> node.host() + ":" + node.port()).toList());
	}

	/**
	 * Create a client for one processor's blocking reads: a single connection (a small
	 * pool for cluster and sentinel) whose socket timeout covers the blocking reads.
	 * @return the client
	 */
	UnifiedJedis createBlockingClient() {
		JedisClientConfig config = RedisEvents.blockingReadConfig(clientConfig());
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		if (cluster == null && sentinel == null) {
			DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
			return new UnifiedJedis(new HostAndPort(standalone.getHost(), standalone.getPort()), config);
		}
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(2);
		return create(config, pool);
	}

	private UnifiedJedis create(JedisClientConfig config, GenericObjectPoolConfig<Connection> pool) {
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		if (cluster != null) {
			return new JedisCluster(hostsAndPorts(cluster.getNodes()), config, pool);
		}
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		if (sentinel != null) {
			DefaultJedisClientConfig.Builder sentinelConfig = DefaultJedisClientConfig.builder()
				.user(sentinel.getUsername())
				.password(sentinel.getPassword());
			applyTimeouts(sentinelConfig);
			return new JedisSentineled(sentinel.getMaster(), config, pool, hostsAndPorts(sentinel.getNodes()),
					sentinelConfig.build());
		}
		DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
		return new JedisPooled(new HostAndPort(standalone.getHost(), standalone.getPort()), config, pool);
	}

	JedisClientConfig clientConfig() {
		DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
			.user(this.details.getUsername())
			.password(this.details.getPassword());
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		if (this.details.getCluster() == null) {
			builder.database((sentinel != null) ? sentinel.getDatabase() : this.details.getStandalone().getDatabase());
		}
		applyTimeouts(builder);
		if (this.properties != null && StringUtils.hasText(this.properties.getClientName())) {
			builder.clientName(this.properties.getClientName());
		}
		SslBundle bundle = this.details.getSslBundle();
		if (bundle != null) {
			builder.ssl(true).sslSocketFactory(bundle.createSslContext().getSocketFactory());
			SslOptions options = bundle.getOptions();
			SSLParameters parameters = new SSLParameters();
			if (options.getCiphers() != null) {
				parameters.setCipherSuites(options.getCiphers());
			}
			if (options.getEnabledProtocols() != null) {
				parameters.setProtocols(options.getEnabledProtocols());
			}
			builder.sslParameters(parameters);
		}
		else if (this.properties != null && this.properties.getUrl() != null
				&& this.properties.getUrl().startsWith("rediss:")) {
			builder.ssl(true);
		}
		return builder.build();
	}

	private void applyTimeouts(DefaultJedisClientConfig.Builder builder) {
		if (this.properties == null) {
			return;
		}
		Duration timeout = this.properties.getTimeout();
		if (timeout != null) {
			builder.socketTimeoutMillis((int) timeout.toMillis());
		}
		Duration connectTimeout = this.properties.getConnectTimeout();
		if (connectTimeout != null) {
			builder.connectionTimeoutMillis((int) connectTimeout.toMillis());
		}
	}

	private GenericObjectPoolConfig<Connection> poolConfig() {
		ConnectionPoolConfig config = new ConnectionPoolConfig();
		if (this.properties != null) {
			DataRedisProperties.Pool pool = this.properties.getJedis().getPool();
			config.setMaxTotal(pool.getMaxActive());
			config.setMaxIdle(pool.getMaxIdle());
			config.setMinIdle(pool.getMinIdle());
			if (pool.getMaxWait() != null) {
				config.setMaxWait(pool.getMaxWait());
			}
		}
		return config;
	}

	private static Set<HostAndPort> hostsAndPorts(List<DataRedisConnectionDetails.Node> nodes) {
		Set<HostAndPort> result = new LinkedHashSet<>();
		for (DataRedisConnectionDetails.Node node : nodes) {
			result.add(new HostAndPort(node.host(), node.port()));
		}
		return result;
	}

}
