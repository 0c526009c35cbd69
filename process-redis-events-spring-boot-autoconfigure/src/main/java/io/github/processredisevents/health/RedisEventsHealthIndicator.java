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

package io.github.processredisevents.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.ProcessorHealth;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of process-redis-events: DOWN when Redis does not answer a {@code PING}, when an
 * engine thread of a started handler has died (its names are in {@code deadThreads}), or
 * when its acknowledgements could not be sent for a while; the details say which, and
 * show each handler's unsent acknowledgements.
 *
 * @since 0.1.0
 */
public class RedisEventsHealthIndicator extends AbstractHealthIndicator {

	private final RedisEvents events;

	private final RedisEventHandlerRegistry registry;

	/**
	 * Create the indicator.
	 * @param events the engine whose client is checked
	 * @param registry the handlers to check
	 */
	public RedisEventsHealthIndicator(RedisEvents events, RedisEventHandlerRegistry registry) {
		super("process-redis-events health check failed");
		this.events = events;
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		try {
			this.events.ping();
			builder.withDetail("redis", "reachable");
		}
		catch (RuntimeException ex) {
			up = false;
			builder.withDetail("redis", "unreachable: " + ex.getMessage());
		}
		Map<String, Object> handlers = new LinkedHashMap<>();
		for (String id : this.registry.getHandlerIds()) {
			StreamProcessor processor = this.registry.getProcessor(id);
			Map<String, Object> detail = new LinkedHashMap<>();
			ProcessorState state = (processor != null) ? processor.state() : ProcessorState.STOPPED;
			detail.put("state", state.name());
			if (processor != null && state != ProcessorState.STOPPED && state != ProcessorState.STOPPING) {
				ProcessorHealth health = processor.health();
				detail.put("connected", health.connected());
				if (health.lastError() != null) {
					detail.put("lastError", health.lastError());
				}
				detail.put("unsentAcknowledgements", health.unsentAcknowledgements());
				if (!health.deadThreads().isEmpty()) {
					up = false;
					detail.put("deadThreads", health.deadThreads());
				}
				if (!health.loopAlive()) {
					up = false;
					detail.put("error", "consumer loop has died");
				}
				else if (health.acknowledgementsStalled()) {
					up = false;
					detail.put("error", health.unsentAcknowledgements() + " acknowledgements could not be sent for a"
							+ " while; their entries will be delivered again");
				}
			}
			handlers.put(id, detail);
		}
		builder.withDetail("handlers", handlers);
		if (up) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
