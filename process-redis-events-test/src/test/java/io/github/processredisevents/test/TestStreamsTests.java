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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadGroupParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TestStreams} against a real server.
 */
@EmbeddedRedis
class TestStreamsTests {

	@Test
	void addsRawEntriesAndReadsThemBack(TestStreams streams) {
		String id = streams.addRaw("raw", "not json");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("other", "x");
		fields.put("data", "{}");
		streams.addRaw("raw", fields);
		List<RawEntry> entries = streams.entries("raw");
		assertThat(entries).extracting(RawEntry::id).first().isEqualTo(id);
		assertThat(entries.get(0).data()).isEqualTo("not json");
		assertThat(entries.get(1).fields().keySet()).containsExactly("other", "data");
		assertThat(streams.entries("nothing-here")).isEmpty();
	}

	@Test
	void readsDeadLettersAndEventsUnderTheirKeys(TestStreams streams) {
		UnifiedJedis jedis = streams.client();
		jedis.xadd("stream:dlq:orders", StreamEntryID.NEW_ENTRY, Map.of("data", "{\"_dlqMetadata\":{}}"));
		jedis.xadd("stream:events:orders", StreamEntryID.NEW_ENTRY,
				Map.of("data", "{\"id\":\"1-0\",\"type\":\"started\"}"));
		assertThat(streams.deadLetters("orders")).singleElement()
			.satisfies((letter) -> assertThat(letter.data()).contains("_dlqMetadata"));
		assertThat(streams.events("orders")).singleElement()
			.satisfies((event) -> assertThat(event.data()).contains("started"));
		assertThat(streams.withKeyPrefix("other:").key("orders")).isEqualTo("other:orders");
	}

	@Test
	void waitsUntilTheGroupHasReadAndAcknowledgedEverything(TestStreams streams) {
		UnifiedJedis jedis = streams.client();
		String key = streams.key("work");
		streams.addRaw("work", "{}");
		jedis.xgroupCreate(key, "workers", new StreamEntryID(0, 0), false);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> streams.awaitIdle("work", "workers", Duration.ofMillis(100)))
			.withMessageContaining("lag 1");
		var read = jedis.xreadGroup("workers", "c1", XReadGroupParams.xReadGroupParams().count(10),
				Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
		StreamEntryID entry = read.get(0).getValue().get(0).getID();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> streams.awaitIdle("work", "workers", Duration.ofMillis(100)))
			.withMessageContaining("1 pending");
		jedis.xack(key, "workers", entry);
		streams.awaitIdle("work", "workers");
	}

}
