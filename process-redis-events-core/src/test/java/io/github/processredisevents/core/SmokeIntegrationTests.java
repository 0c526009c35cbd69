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

package io.github.processredisevents.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.processredisevents.core.testsupport.RealRedis;
import io.github.processredisevents.core.testsupport.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RealRedis.class)
class SmokeIntegrationTests {

	@Test
	void processesAnEntry(RedisEndpoint redis) throws Exception {
		try (RedisEvents events = RedisEvents.connect(redis.hostAndPort())) {
			RedisEventStream stream = events.stream(RealRedis.uniqueName("smoke"));
			List<String> seen = new CopyOnWriteArrayList<>();
			StreamProcessor processor = stream.process(
					ProcessOptions.builder(String.class).group("g").startFrom(StartFrom.OLDEST).build(),
					(item) -> seen.add(item.data()));
			stream.add("hello");
			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
			assertThat(seen).containsExactly("hello");
			processor.stop();
		}
	}

}
