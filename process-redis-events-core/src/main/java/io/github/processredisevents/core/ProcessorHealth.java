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

import org.jspecify.annotations.Nullable;

/**
 * Whether a {@link StreamProcessor} is doing its job.
 *
 * @param loopAlive whether its fetch loop runs (false once stopped, or if it died)
 * @param connected whether its last exchange with Redis succeeded
 * @param lastError the last error it met talking to Redis, while it is not connected or
 * cannot send acknowledgements
 * @param deadThreads the names of its engine threads (fetch loop, acknowledger, lease
 * heartbeats) that an {@code Error} has ended; empty while all run
 * @param unsentAcknowledgements acknowledgements and events of handled entries that wait
 * to be sent to Redis
 * @param acknowledgementsStalled whether acknowledgements wait and none could be sent for
 * a while (the lesser of the lease and 10 s): entries handled here will be delivered
 * again if it lasts
 * @since 0.1.0
 */
public record ProcessorHealth(boolean loopAlive, boolean connected, @Nullable String lastError,
		List<String> deadThreads, long unsentAcknowledgements, boolean acknowledgementsStalled) {

	/**
	 * Health without dead threads or unsent acknowledgements.
	 * @param loopAlive whether its fetch loop runs
	 * @param connected whether its last exchange with Redis succeeded
	 * @param lastError the last error it met talking to Redis, if it is not connected
	 */
	public ProcessorHealth(boolean loopAlive, boolean connected, @Nullable String lastError) {
		this(loopAlive, connected, lastError, List.of(), 0, false);
	}

	/**
	 * Whether it does its job: the fetch loop runs, no engine thread has died and
	 * acknowledgements are not stalled.
	 * @return whether it is healthy
	 */
	public boolean healthy() {
		return this.loopAlive && this.deadThreads.isEmpty() && !this.acknowledgementsStalled;
	}

}
