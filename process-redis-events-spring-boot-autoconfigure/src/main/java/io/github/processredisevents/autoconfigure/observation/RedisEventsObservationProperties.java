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

package io.github.processredisevents.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Observation settings of process-redis-events ({@code redis-events.observation.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("redis-events.observation")
public class RedisEventsObservationProperties {

	/**
	 * Whether sending and handling entries is observed with the application's
	 * ObservationRegistry (a span per send and per delivery with Micrometer Tracing).
	 */
	private boolean enabled;

	/**
	 * Whether a delivery's span starts a trace of its own with a link to the producer's
	 * span, instead of being its child.
	 */
	private boolean linkToProducer;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isLinkToProducer() {
		return this.linkToProducer;
	}

	public void setLinkToProducer(boolean linkToProducer) {
		this.linkToProducer = linkToProducer;
	}

}
