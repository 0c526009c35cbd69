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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.processredisevents.core.testsupport.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Every test of {@link ProcessingIntegrationTests}, against a real Redis Cluster of three
 * primaries with a replica each ({@link OnRedisCluster}). Plus what only a cluster has:
 * commands that would cross slots fail at start.
 */
@ExtendWith(OnRedisCluster.class)
class ProcessingOnClusterIntegrationTests extends ProcessingIntegrationTests {

	@Test
	void aStreamWhoseDeadLettersLiveInAnotherSlotFailsAtStartNamingTheKeysAndTheFix() {
		RedisEventStream untagged = this.events.stream(RealRedis.uniqueName("untagged"));
		assertThatIllegalStateException().isThrownBy(() -> untagged.process(options(Order.class).build(), (item) -> {
		}))
			.withMessageContaining("Stream '" + untagged.name() + "' cannot be processed on a Redis Cluster")
			.withMessageContaining("stream:" + untagged.name() + " (slot ")
			.withMessageContaining("stream:dlq:" + untagged.name() + " (slot ")
			.withMessageContaining("'{" + untagged.name() + "}'")
			.withMessageContaining("dead-letter=false");
		assertThat(this.events.processors()).isEmpty();
	}

	@Test
	void aStreamWithoutHashTagIsProcessedWhenDeadLettersAreOff() {
		RedisEventStream untagged = this.events.stream(RealRedis.uniqueName("untagged"));
		List<String> seen = new CopyOnWriteArrayList<>();
		started(untagged.process(options(Order.class).deadLetter(false).build(),
				(item) -> seen.add(item.data().orderId())));
		untagged.add(new Order("o-1", 1));
		await().atMost(WAIT).until(() -> seen.contains("o-1"));
	}

}
