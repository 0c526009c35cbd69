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

import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.core.RedisEvents;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for process-redis-events: Jedis clients built from Spring Boot's
 * Redis connection details, the {@link RedisEvents} engine, a {@link RedisEventTemplate}
 * and the handlers of {@code @RedisEventHandler} methods. Every bean backs off when the
 * application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ RedisEventTemplate.class, UnifiedJedis.class })
@ConditionalOnBooleanProperty(name = "redis-events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisEventsProperties.class)
@Import(RedisEventHandlerConfiguration.class)
public final class RedisEventsAutoConfiguration {

	@Bean
	JedisClients redisEventsJedisClients(ObjectProvider<DataRedisConnectionDetails> connectionDetails,
			ObjectProvider<DataRedisProperties> redisProperties) {
		DataRedisConnectionDetails details = connectionDetails.getIfAvailable(LocalRedisConnectionDetails::new);
		return new JedisClients(details, redisProperties.getIfAvailable());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	UnifiedJedis redisEventsJedis(JedisClients clients) {
		return clients.createClient();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisEvents redisEvents(UnifiedJedis jedis, JedisClients clients, ObjectProvider<JsonMapper> jsonMapper,
			RedisEventsProperties properties, ObjectProvider<RedisEventsBuilderCustomizer> customizers) {
		RedisEvents.Builder builder = RedisEvents.builder(jedis)
			.blockingClientFactory(clients.created(jedis) ? clients::createBlockingClient : null)
			.jsonMapper(jsonMapper.getIfUnique())
			.keyPrefix(properties.getKeyPrefix());
		properties.applyStreams(builder);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	RedisEventTemplate redisEventTemplate(RedisEvents redisEvents) {
		return new RedisEventTemplate(redisEvents);
	}

	/**
	 * Connection details used when Spring Boot's Redis auto-configuration is off:
	 * {@code localhost:6379}.
	 */
	static final class LocalRedisConnectionDetails implements DataRedisConnectionDetails {

		@Override
		public Standalone getStandalone() {
			return Standalone.of("localhost", 6379);
		}

	}

}
