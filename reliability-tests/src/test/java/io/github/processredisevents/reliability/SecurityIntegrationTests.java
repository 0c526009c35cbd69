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

package io.github.processredisevents.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.core.Backoff;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.QueueHandler;
import io.github.processredisevents.core.RedisEventStream;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StartFrom;
import io.github.processredisevents.core.StreamProcessor;
import io.github.processredisevents.core.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 14: a least-privilege ACL user, wrong passwords and missing permissions, TLS,
 * and payloads kept out of the logs.
 */
class SecurityIntegrationTests {

	/**
	 * The rules of a least-privilege user that produces to, consumes, dead-letters and
	 * emits events for stream {@code orders} (as {@code ACL SETUSER orders-worker ...}).
	 */
	static final String LEAST_PRIVILEGE = "on >s3cret-pw resetkeys ~stream:orders ~stream:dlq:orders"
			+ " ~stream:events:orders resetchannels -@all +ping +xadd +xreadgroup +xack +xautoclaim +xclaim +xpending"
			+ " +xgroup|create +xinfo|consumers +xgroup|delconsumer +evalsha +eval";

	private static final String PASSWORD = "s3cret-pw";

	private static final String CANARY = "CANARY-5f1e2d";

	@Test
	void aLeastPrivilegeUserCanProduceConsumeDeadLetterAndEmitEvents() throws Exception {
		try (Scenario scenario = Scenario.start("s14a")) {
			try (Jedis admin = admin(scenario)) {
				admin.aclSetUser("orders-worker", LEAST_PRIVILEGE.split(" "));
				admin.aclLogReset();
			}
			RedisEvents events = scenario.track(RedisEvents.connect(hostAndPort(scenario),
					DefaultJedisClientConfig.builder().user("orders-worker").password(PASSWORD).build()));
			RedisEventStream stream = events.stream(Scenario.STREAM);
			LedgerWriter ledger = scenario.ledger().writer("workers");
			QueueHandler<String> handler = (item) -> {
				ledger.started(item.id(), "w", item.attempts());
				if (item.data().equals("poison")) {
					throw new IllegalStateException("always fails");
				}
				Thread.sleep(700);
				ledger.done(item.id(), "w", item.attempts());
			};
			for (String consumer : List.of("w1", "w2")) {
				scenario.track(stream.process(Scenario.options(consumer, Duration.ofSeconds(1))
					.maxAttempts(2)
					.produceEvents(true)
					.concurrency(5)
					.build(), handler));
			}
			List<String> ids = scenario.add(stream, 20);
			String poison = stream.add("poison");
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(40), null);
			scenario.ledger().writer("poison").added(poison);
			List<Object> denied;
			long eventCount;
			try (Jedis admin = admin(scenario)) {
				eventCount = admin.xlen("stream:events:" + Scenario.STREAM);
				denied = List.copyOf(admin.aclLog());
			}
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("14a", "ACL user with only the commands and keys a consumer needs", figures,
					"ACL SETUSER orders-worker " + LEAST_PRIVILEGE.replace(">s3cret-pw", ">…") + "; " + ids.size()
							+ " done and 1 dead-lettered, " + eventCount + " events, heartbeats and retries;"
							+ " ACL LOG: " + denied.size() + " denials");
			assertThat(denied).isEmpty();
			assertThat(eventCount).isPositive();
			assertThat(probe.deadLetteredIds("stream:dlq:" + Scenario.STREAM)).containsExactly(poison);
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void aWrongPasswordOrAMissingPermissionFailsNamingTheCommandAndKey() throws Exception {
		try (Scenario scenario = Scenario.start("s14b"); LogCapture logs = LogCapture.capture()) {
			try (Jedis admin = admin(scenario)) {
				admin.aclSetUser("no-autoclaim", LEAST_PRIVILEGE.replace(" +xautoclaim", "").split(" "));
				admin.aclSetUser("no-dlq", LEAST_PRIVILEGE.replace(" ~stream:dlq:orders", "").split(" "));
			}
			RedisEvents wrongPassword = scenario.track(RedisEvents.connect(hostAndPort(scenario),
					DefaultJedisClientConfig.builder().user("orders-worker").password("wrong").build()));
			JedisException refusedLogin = catchJedis(() -> wrongPassword.stream(Scenario.STREAM).add("x"));
			StreamProcessor locked = scenario.track(wrongPassword.stream(Scenario.STREAM)
				.process(Scenario.options("locked", Duration.ofSeconds(1)).build(), (item) -> {
				}));
			await().atMost(Duration.ofSeconds(20)).until(() -> locked.health().lastError() != null);
			String lockedHealth = locked.health().lastError();

			RedisEvents noAutoclaim = scenario.track(RedisEvents.connect(hostAndPort(scenario), user("no-autoclaim")));
			StreamProcessor stuck = scenario.track(noAutoclaim.stream(Scenario.STREAM)
				.process(Scenario.options("stuck", Duration.ofSeconds(1)).build(), (item) -> {
				}));
			await().atMost(Duration.ofSeconds(20)).until(() -> stuck.health().lastError() != null);
			String stuckHealth = stuck.health().lastError();
			stuck.stop();

			JedisException refusedKey = catchJedis(() -> noAutoclaim.stream("elsewhere").add("x"));

			RedisEvents noDlq = scenario.track(RedisEvents.connect(hostAndPort(scenario), user("no-dlq")));
			RedisEventStream stream = noDlq.stream(Scenario.STREAM);
			scenario.track(
					stream.process(Scenario.options("no-dlq", Duration.ofSeconds(1)).maxAttempts(1).build(), (item) -> {
						throw new IllegalStateException("fails");
					}));
			stream.add("poison");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> logs.lines().stream().anyMatch((line) -> line.contains("stream:dlq:orders")));
			String deadLetterError = logs.lines()
				.stream()
				.filter((line) -> line.contains("stream:dlq:orders"))
				.findFirst()
				.orElseThrow();
			ReliabilityReport.addCheck("14b", "Wrong password; missing command or key permission",
					"add: \"" + refusedLogin.getMessage() + "\"; consumer health: \"" + lockedHealth
							+ "\"; without +xautoclaim: \"" + stuckHealth + "\"; without the key: \""
							+ refusedKey.getMessage() + "\"; without the dead-letter key: \"" + deadLetterError + "\"");
			assertThat(refusedLogin.getMessage()).contains("WRONGPASS");
			assertThat(lockedHealth).contains("WRONGPASS");
			assertThat(stuckHealth).contains("XAUTOCLAIM").contains("'stream:orders'").contains("NOPERM");
			assertThat(refusedKey.getMessage()).contains("XADD").contains("'stream:elsewhere'").contains("NOPERM");
			assertThat(deadLetterError).contains("NOPERM");
		}
	}

	@Test
	void consumersWorkOverTls() throws Exception {
		TestCertificate certificate = TestCertificate.create();
		int tlsPort = RedisServer.freePort();
		try (Scenario scenario = Scenario.start("s14c",
				Map.of("tls-port", Integer.toString(tlsPort), "tls-cert-file", certificate.certificate().toString(),
						"tls-key-file", certificate.key().toString(), "tls-ca-cert-file",
						certificate.certificate().toString(), "tls-auth-clients", "no"))) {
			JedisClientConfig tls = DefaultJedisClientConfig.builder()
				.ssl(true)
				.sslSocketFactory(certificate.socketFactory())
				.build();
			RedisEvents events = scenario.track(RedisEvents.connect(new HostAndPort("127.0.0.1", tlsPort), tls));
			RedisEventStream stream = events.stream(Scenario.STREAM);
			scenario.consume(events, Scenario.options("c1", Duration.ofSeconds(1)).build(), 5);
			scenario.consume(events, Scenario.options("c2", Duration.ofSeconds(1)).build(), 5);
			scenario.add(stream, 200);
			GroupProbe probe = scenario.probe();
			Duration drain = probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(40), null);
			boolean plainRefused;
			try (Jedis plain = new Jedis("127.0.0.1", tlsPort, 2000)) {
				plain.ping();
				plainRefused = false;
			}
			catch (JedisException ex) {
				plainRefused = true;
			}
			Figures figures = Figures.of(scenario.ledger(), probe, "stream:dlq:" + Scenario.STREAM, null, drain,
					scenario.alive(), 2);
			ReliabilityReport.add("14c", "TLS to Redis (core engine, self-signed certificate)", figures,
					"producer, commands and blocking reads over TLS; plain text to the TLS port refused: "
							+ plainRefused);
			assertThat(plainRefused).isTrue();
			assertThat(figures.lost()).as("lost %s", figures.lostIds()).isZero();
			assertThat(figures.pending()).isZero();
		}
	}

	@Test
	void payloadsNeverAppearInTheLogs() throws Exception {
		try (Scenario scenario = Scenario.start("s14d"); LogCapture logs = LogCapture.capture()) {
			RedisEvents events = scenario.connect();
			RedisEventStream stream = events.stream(Scenario.STREAM);
			ProcessOptions<Order> options = ProcessOptions.builder(Order.class)
				.group(Scenario.GROUP)
				.consumerId("c1")
				.startFrom(StartFrom.OLDEST)
				.lease(Duration.ofSeconds(1))
				.maxAttempts(2)
				.backoff(Backoff.fixed(Duration.ofMillis(50)))
				.maxPayloadBytes(2048)
				.produceEvents(true)
				.build();
			StreamProcessor consumer = scenario.track(stream.process(options, (item) -> {
				if (item.data().amount() < 0) {
					throw new IllegalArgumentException("negative amount");
				}
			}));
			List<String> poison = List.of(stream.addJson("{\"orderId\":\"" + CANARY + "\",\"amount\":1}"),
					stream.addJson("{\"orderId\":\"" + CANARY + "\",\"amount\":-1}"),
					stream.addJson("not json " + CANARY),
					stream.addJson("{\"orderId\":\"x\",\"amount\":\"" + CANARY + "\"}"),
					stream.addJson("[\"" + CANARY + "\"]"), stream
						.addJson("{\"orderId\":\"" + CANARY + "\",\"amount\":1,\"pad\":\"" + "y".repeat(3000) + "\"}"));
			GroupProbe probe = scenario.probe();
			probe.awaitDrain(System.nanoTime(), Duration.ofSeconds(30), null);
			consumer.stop();
			List<String> leaks = logs.lines().stream().filter((line) -> line.contains(CANARY)).toList();
			ReliabilityReport.addCheck("14d", "Canary payloads (valid, failing, undecodable, wrongly typed, oversized)",
					poison.size() + " canary entries processed or dead-lettered; " + logs.lines().size()
							+ " log lines at INFO and above; " + leaks.size() + " contain the canary");
			assertThat(leaks).isEmpty();
		}
	}

	private static JedisException catchJedis(Runnable action) {
		try {
			action.run();
		}
		catch (JedisException ex) {
			return ex;
		}
		throw new AssertionError("Expected a JedisException");
	}

	private static JedisClientConfig user(String name) {
		return DefaultJedisClientConfig.builder().user(name).password(PASSWORD).build();
	}

	private static HostAndPort hostAndPort(Scenario scenario) {
		return new HostAndPort(scenario.redis().host(), scenario.redis().port());
	}

	private static Jedis admin(Scenario scenario) {
		return new Jedis(scenario.redis().host(), scenario.redis().port());
	}

}
