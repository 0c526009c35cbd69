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

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.autoconfigure.health.RedisEventsHealthContributorAutoConfiguration;
import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.health.RedisEventsHealthIndicator;
import io.github.processredisevents.core.testsupport.RedisServer;
import io.github.processredisevents.test.RedisServerProcess;
import io.github.processredisevents.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the clients built from {@code spring.data.redis.*} carry credentials and
 * TLS, for commands and for the handlers' blocking reads, against real Redis servers.
 */
class RedisEventsConnectionIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisEventsAutoConfiguration.class))
		.withBean(Handler.class)
		.withPropertyValues("redis-events.defaults.start-from=oldest");

	@Test
	void connectsWithUsernameAndPassword() {
		String user = SharedRedis.uniqueName("user");
		String stream = SharedRedis.uniqueName("acl");
		try (Jedis admin = new Jedis(SharedRedis.endpoint().hostAndPort())) {
			admin.aclSetUser(user, "on", ">s3cret", "~*", "&*", "+@all");
			try {
				this.contextRunner.withPropertyValues(SharedRedis.properties())
					.withPropertyValues("spring.data.redis.username=" + user, "spring.data.redis.password=s3cret",
							"test.stream=" + stream)
					.run((context) -> {
						context.getBean(RedisEventTemplate.class).send(stream, "o-1");
						await().atMost(WAIT)
							.untilAsserted(() -> assertThat(context.getBean(Handler.class).received).contains("o-1"));
						assertThat(admin.clientList()).contains("user=" + user);
					});
			}
			finally {
				admin.aclDelUser(user);
			}
		}
	}

	@Test
	void failsToAuthenticateWithAWrongPassword() {
		String user = SharedRedis.uniqueName("user");
		try (Jedis admin = new Jedis(SharedRedis.endpoint().hostAndPort())) {
			admin.aclSetUser(user, "on", ">s3cret", "~*", "&*", "+@all");
			try {
				new ApplicationContextRunner()
					.withConfiguration(
							AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisEventsAutoConfiguration.class))
					.withPropertyValues(SharedRedis.properties())
					.withPropertyValues("spring.data.redis.username=" + user, "spring.data.redis.password=wrong")
					.run((context) -> assertThat(context.getBean(UnifiedJedis.class)).satisfies((jedis) -> {
						try {
							jedis.ping();
							throw new AssertionError("PING with a wrong password succeeded");
						}
						catch (redis.clients.jedis.exceptions.JedisException ex) {
							assertThat(ex).hasMessageContaining("WRONGPASS");
						}
					}));
			}
			finally {
				admin.aclDelUser(user);
			}
		}
	}

	@Test
	void connectsOverTlsWithAnSslBundle(@TempDir Path directory) throws Exception {
		Path certificate = directory.resolve("cert.pem");
		Path key = directory.resolve("key.pem");
		createCertificate(directory, certificate, key);
		int tlsPort = RedisServer.freePort();
		try (RedisServer server = RedisServer.start(
				Map.of("tls-port", Integer.toString(tlsPort), "tls-cert-file", certificate.toString(), "tls-key-file",
						key.toString(), "tls-ca-cert-file", certificate.toString(), "tls-auth-clients", "no"))) {
			String stream = SharedRedis.uniqueName("tls");
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + tlsPort,
						"spring.data.redis.ssl.enabled=true", "spring.data.redis.ssl.bundle=redis",
						"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + certificate,
						"test.stream=" + stream)
				.run((context) -> {
					context.getBean(RedisEventTemplate.class).send(stream, "o-1");
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(context.getBean(Handler.class).received).contains("o-1"));
				});
			try (UnifiedJedis plain = new UnifiedJedis(
					new redis.clients.jedis.HostAndPort("127.0.0.1", server.port()))) {
				assertThat(plain.xlen("stream:" + stream)).isEqualTo(1);
			}
		}
	}

	@Test
	void connectsThroughSentinel() {
		try (RedisServerProcess sentinel = RedisServerProcess
			.startSentinel(Map.of("sentinel monitor events", "127.0.0.1 " + SharedRedis.endpoint().port() + " 1"))) {
			int sentinelPort = sentinel.port();
			await().atMost(WAIT).ignoreExceptions().until(() -> {
				try (Jedis jedis = new Jedis("127.0.0.1", sentinelPort)) {
					return jedis.sentinelGetMasterAddrByName("events").size() == 2;
				}
			});
			String stream = SharedRedis.uniqueName("sentinel");
			this.contextRunner
				.withPropertyValues("spring.data.redis.sentinel.master=events",
						"spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinelPort, "test.stream=" + stream)
				.run((context) -> {
					assertThat(context.getBean(UnifiedJedis.class)).isInstanceOf(JedisSentineled.class);
					context.getBean(RedisEventTemplate.class).send(stream, "o-1");
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(context.getBean(Handler.class).received).contains("o-1"));
				});
		}
	}

	@Test
	void connectsToAClusterAndReportsItsHealth() {
		try (RedisServer node = RedisServer.start(Map.of("cluster-enabled", "yes"))) {
			try (Jedis jedis = new Jedis(node.host(), node.port())) {
				jedis.clusterAddSlotsRange(0, 16383);
				await().atMost(WAIT).until(() -> jedis.clusterInfo().contains("cluster_state:ok"));
			}
			String stream = "{" + SharedRedis.uniqueName("cluster") + "}";
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(RedisEventsHealthContributorAutoConfiguration.class))
				.withPropertyValues("spring.data.redis.cluster.nodes=" + node.host() + ":" + node.port(),
						"test.stream=" + stream, "redis-events.defaults.max-attempts=1")
				.run((context) -> {
					assertThat(context.getBean(UnifiedJedis.class)).isInstanceOf(JedisCluster.class);
					context.getBean(RedisEventTemplate.class).sendAll(stream, List.of("o-1", "fail"));
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(context.getBean(Handler.class).received).contains("o-1"));
					await().atMost(WAIT)
						.until(() -> context.getBean(RedisEvents.class)
							.stream(stream)
							.deadLetterStream()
							.length() == 1);
					assertThat(context.getBean(RedisEventsHealthIndicator.class).health().getStatus())
						.isEqualTo(Status.UP);
				});
		}
	}

	private static void createCertificate(Path directory, Path certificate, Path key)
			throws IOException, InterruptedException, GeneralSecurityException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Path keystore = directory.resolve("redis.p12");
		run(keytool.toString(), "-genkeypair", "-alias", "redis", "-keyalg", "RSA", "-keysize", "2048", "-validity",
				"2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
				"-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		run(keytool.toString(), "-exportcert", "-rfc", "-alias", "redis", "-keystore", keystore.toString(),
				"-storepass", "changeit", "-file", certificate.toString());
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(keystore.toFile())) {
			store.load(in, "changeit".toCharArray());
		}
		PrivateKey privateKey = (PrivateKey) store.getKey("redis", "changeit".toCharArray());
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(privateKey.getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Files.writeString(key, pem);
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	static class Handler {

		final List<String> received = new CopyOnWriteArrayList<>();

		@RedisEventHandler(id = "connection", stream = "${test.stream}", group = "g")
		void on(String payload) {
			if (payload.equals("fail")) {
				throw new IllegalStateException("failing as asked");
			}
			this.received.add(payload);
		}

	}

}
