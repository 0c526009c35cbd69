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
package io.github.processredisevents.autoconfigure.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the operations console ({@code redis-events.console.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("redis-events.console")
public class RedisEventsConsoleProperties {

	/**
	 * Whether the application serves the operations console.
	 */
	private boolean enabled;

	/**
	 * Path the console is served at.
	 */
	private String path = "/redis-events";

	/**
	 * Whether the console only shows, with every action hidden and refused.
	 */
	private boolean readOnly;

	/**
	 * Role a user needs to act in the console when Spring Security is present, without
	 * the ROLE_ prefix.
	 */
	private String operatorRole = "REDIS_EVENTS_OPERATOR";

	/**
	 * Whether the console shows the payloads of dead letters (also shown when
	 * redis-events.actuator.show-payloads is set).
	 */
	private boolean showPayloads;

	/**
	 * How many of a stream's newest dead letters the stream page lists and groups.
	 */
	private int maxDeadLetters = 200;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public String getOperatorRole() {
		return this.operatorRole;
	}

	public void setOperatorRole(String operatorRole) {
		this.operatorRole = operatorRole;
	}

	public boolean isShowPayloads() {
		return this.showPayloads;
	}

	public void setShowPayloads(boolean showPayloads) {
		this.showPayloads = showPayloads;
	}

	public int getMaxDeadLetters() {
		return this.maxDeadLetters;
	}

	public void setMaxDeadLetters(int maxDeadLetters) {
		this.maxDeadLetters = maxDeadLetters;
	}

}
