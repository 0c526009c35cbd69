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

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.processredisevents.core.Backoff;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs read from the jar: every property of ours is
 * described, and the defaults it shows are the engine's.
 */
class ConfigurationMetadataTests {

	private final Map<String, JsonNode> properties = readProperties();

	@Test
	void everyPropertyIsDescribed() {
		assertThat(this.properties).isNotEmpty();
		this.properties.forEach(
				(name, property) -> assertThat(property.path("description").asString("")).as("description of %s", name)
					.isNotBlank());
	}

	@Test
	void defaultsShownAreTheEnginesDefaults() {
		assertThat(defaultOf("redis-events.key-prefix")).isEqualTo(RedisEvents.DEFAULT_KEY_PREFIX);
		assertThat(duration("redis-events.shutdown-timeout")).isEqualTo(ProcessOptions.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(duration("redis-events.defaults.remove-idle-consumers-after"))
			.isEqualTo(ProcessOptions.DEFAULT_REMOVE_IDLE_CONSUMERS_AFTER);
		assertThat(defaultOf("redis-events.defaults.batch-size")).isEqualTo(ProcessOptions.DEFAULT_BATCH_SIZE);
		assertThat(defaultOf("redis-events.defaults.concurrency")).isEqualTo(ProcessOptions.DEFAULT_CONCURRENCY);
		assertThat(duration("redis-events.defaults.lease")).isEqualTo(ProcessOptions.DEFAULT_LEASE);
		assertThat(duration("redis-events.defaults.backoff.initial")).isEqualTo(Backoff.DEFAULT.initial());
		assertThat(((Number) defaultOf("redis-events.defaults.backoff.multiplier")).doubleValue())
			.isEqualTo(Backoff.DEFAULT.multiplier());
		assertThat(duration("redis-events.defaults.backoff.max")).isEqualTo(Backoff.DEFAULT.max());
		ProcessOptions<Object> builtIn = ProcessOptions.builder(Object.class).group("g").build();
		assertThat(defaultOf("redis-events.defaults.start-from"))
			.isEqualTo(builtIn.startFrom().name().toLowerCase(Locale.ROOT));
		assertThat(defaultOf("redis-events.defaults.max-attempts")).isEqualTo(builtIn.maxAttempts());
		assertThat(defaultOf("redis-events.defaults.dead-letter")).isEqualTo(builtIn.deadLetter());
		assertThat(defaultOf("redis-events.defaults.produce-events")).isEqualTo(builtIn.produceEvents());
		assertThat(defaultOf("redis-events.defaults.ordered")).isEqualTo(builtIn.ordered());
	}

	private Object defaultOf(String name) {
		JsonNode value = this.properties.get(name).path("defaultValue");
		assertThat(value.isMissingNode()).as("default of %s", name).isFalse();
		if (value.isString()) {
			return value.asString();
		}
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		return value.isIntegralNumber() ? (Object) value.asInt() : (Object) value.asDouble();
	}

	private Duration duration(String name) {
		return DurationStyle.detectAndParse((String) defaultOf(name));
	}

	private static Map<String, JsonNode> readProperties() {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("spring-configuration-metadata.json").isNotNull();
			Map<String, JsonNode> properties = new LinkedHashMap<>();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith("redis-events.") || name.startsWith("management.health.redisevents.")) {
					properties.put(name, property);
				}
			}
			return properties;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
