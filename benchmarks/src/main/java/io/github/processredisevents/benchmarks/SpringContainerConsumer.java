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

package io.github.processredisevents.benchmarks;

import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.Subscription;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;

/**
 * What a Spring user would write instead: Spring Data Redis's
 * {@link StreamMessageListenerContainer} on Jedis or Lettuce, with a listener that
 * decodes the JSON, handles the entry and acknowledges it ({@code XACK} per entry).
 */
final class SpringContainerConsumer implements QueueConsumer {

	/**
	 * The Redis client under Spring Data Redis.
	 */
	enum Client {

		JEDIS, LETTUCE

	}

	private final RedisServerProcess redis;

	private final Client client;

	private final int batchSize;

	private @Nullable RedisConnectionFactory factory;

	private @Nullable StreamMessageListenerContainer<String, MapRecord<String, String, String>> container;

	private @Nullable Subscription subscription;

	SpringContainerConsumer(RedisServerProcess redis, Client client, int batchSize) {
		this.redis = redis;
		this.client = client;
		this.batchSize = batchSize;
	}

	@Override
	public void start(String key, String group, Consumer<Order> onEntry) {
		RedisConnectionFactory connections = connectionFactory();
		this.factory = connections;
		StringRedisTemplate template = new StringRedisTemplate(connections);
		StreamMessageListenerContainerOptions<String, MapRecord<String, String, String>> options = StreamMessageListenerContainerOptions
			.builder()
			.batchSize(this.batchSize)
			.pollTimeout(Duration.ofMillis(100))
			.build();
		StreamMessageListenerContainer<String, MapRecord<String, String, String>> listeners = StreamMessageListenerContainer
			.create(connections, options);
		this.container = listeners;
		this.subscription = listeners.receive(
				org.springframework.data.redis.connection.stream.Consumer.from(group, "spring"),
				StreamOffset.create(key, ReadOffset.lastConsumed()), (record) -> {
					onEntry.accept(Payloads.decode(record.getValue().get("data")));
					template.opsForStream().acknowledge(group, record);
				});
		listeners.start();
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.cancel();
			Await.until(() -> !this.subscription.isActive(), Duration.ofSeconds(5));
		}
		if (this.container != null) {
			this.container.stop();
		}
		// let the poll that was under way come back before the connections go
		Pause.millis(150);
		if (this.factory instanceof JedisConnectionFactory jedis) {
			jedis.destroy();
		}
		else if (this.factory instanceof LettuceConnectionFactory lettuce) {
			lettuce.destroy();
		}
	}

	private RedisConnectionFactory connectionFactory() {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(RedisServerProcess.HOST,
				this.redis.port());
		if (this.client == Client.JEDIS) {
			JedisConnectionFactory jedis = new JedisConnectionFactory(configuration);
			jedis.afterPropertiesSet();
			jedis.start();
			return jedis;
		}
		LettuceConnectionFactory lettuce = new LettuceConnectionFactory(configuration);
		lettuce.afterPropertiesSet();
		lettuce.start();
		return lettuce;
	}

}
