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

package io.github.processredisevents.samples.orders;

import io.github.processredisevents.core.RedisEventTemplate;
import io.github.processredisevents.test.EmbeddedRedis;
import io.github.processredisevents.test.RawEntry;
import io.github.processredisevents.test.TestStreams;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler test as the README shows it, with the test kit: a private Redis for the
 * class, the order sent through the template, the group awaited until it is idle. (The
 * sample's own development Redis is turned off: the test kit provides the server.)
 */
@SpringBootTest(properties = { "redis-events.defaults.start-from=oldest", "order-service.dev-redis.enabled=false" })
@EmbeddedRedis
class BillingTests {

	@Autowired
	RedisEventTemplate template;

	@Autowired
	Billing billing;

	@Autowired
	Shipping shipping;

	@Test
	void chargesAnOrder(TestStreams streams) {
		this.template.send("orders", new Order("o-1", "alice", 12.5, false));
		streams.awaitIdle("orders", "billing");
		assertThat(this.billing.charged("o-1")).isTrue();
		assertThat(streams.events("orders")).extracting(RawEntry::data)
			.anyMatch((event) -> event.contains("completed"));
	}

	@Test
	void shipsAnOrderWhoseProducerLeftOutFlagged(TestStreams streams) {
		// as a producer in another language may send it: no "flagged" at all
		streams.addRaw("orders", "{\"orderId\":\"o-2\",\"customer\":\"bob\",\"amount\":7.5}");
		streams.awaitIdle("orders", "shipping");
		assertThat(streams.deadLetters("orders")).isEmpty();
		assertThat(this.shipping.shipped("o-2")).isTrue();
	}

}
