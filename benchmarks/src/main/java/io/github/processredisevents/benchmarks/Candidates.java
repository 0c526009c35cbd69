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

import java.util.List;
import java.util.concurrent.Executors;

import io.github.processredisevents.benchmarks.SpringContainerConsumer.Client;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.RedisEvents;

/**
 * The set-ups compared in the drain and latency scenarios.
 */
final class Candidates {

	static final String OURS_DEFAULTS = "ours, defaults (batch 20, concurrency 10)";

	static final String OURS_DEFAULTS_EVENTS = "ours, defaults, events on";

	static final String OURS_TUNED = "ours, tuned (batch " + Candidates.TUNED_BATCH + ", concurrency "
			+ Candidates.TUNED_CONCURRENCY + ")";

	static final String OURS_TUNED_EVENTS = "ours, tuned, events on";

	static final String OURS_HAND_OFF = "ours, defaults on an executor (hand-off to a worker)";

	static final String PLAIN_BATCH_ACK = "plain Jedis, XREADGROUP 100 + one XACK per batch";

	static final String PLAIN_ACK_EACH = "plain Jedis, XREADGROUP 100 + XACK per entry";

	static final String SPRING_JEDIS = "Spring container (Jedis), batch 100, XACK per entry";

	static final String SPRING_LETTUCE = "Spring container (Lettuce), batch 100, XACK per entry";

	static final int TUNED_BATCH = 500;

	static final int TUNED_CONCURRENCY = 20;

	private static final int BASELINE_BATCH = 100;

	private Candidates() {
	}

	static List<Candidate> drain(RedisServerProcess redis, RedisEvents events) {
		return List.of(ours(events, OURS_DEFAULTS, defaults(false)), ours(events, OURS_DEFAULTS_EVENTS, defaults(true)),
				ours(events, OURS_TUNED, tuned(false)), ours(events, OURS_TUNED_EVENTS, tuned(true)),
				new Candidate(PLAIN_BATCH_ACK, false, () -> new PlainJedisConsumer(redis, BASELINE_BATCH, false)),
				new Candidate(PLAIN_ACK_EACH, false, () -> new PlainJedisConsumer(redis, BASELINE_BATCH, true)),
				spring(redis, SPRING_JEDIS, Client.JEDIS), spring(redis, SPRING_LETTUCE, Client.LETTUCE));
	}

	static List<Candidate> latency(RedisServerProcess redis, RedisEvents events) {
		// on an application's executor, the fetch thread always hands entries to a
		// worker: what
		// the defaults did before the fetch thread ran quick handlers itself
		Candidate handOff = new Candidate(OURS_HAND_OFF, true, () -> new OurConsumer(events, defaults(false),
				() -> Executors.newFixedThreadPool(ProcessOptions.DEFAULT_CONCURRENCY)));
		return List.of(ours(events, OURS_DEFAULTS, defaults(false)), handOff, spring(redis, SPRING_JEDIS, Client.JEDIS),
				spring(redis, SPRING_LETTUCE, Client.LETTUCE));
	}

	private static ProcessOptions.Builder<Order> defaults(boolean events) {
		return OurConsumer.options(ProcessOptions.DEFAULT_BATCH_SIZE, ProcessOptions.DEFAULT_CONCURRENCY, events);
	}

	private static ProcessOptions.Builder<Order> tuned(boolean events) {
		return OurConsumer.options(TUNED_BATCH, TUNED_CONCURRENCY, events);
	}

	private static Candidate ours(RedisEvents events, String name, ProcessOptions.Builder<Order> options) {
		return new Candidate(name, true, () -> new OurConsumer(events, options));
	}

	private static Candidate spring(RedisServerProcess redis, String name, Client client) {
		return new Candidate(name, false, () -> new SpringContainerConsumer(redis, client, BASELINE_BATCH));
	}

}
