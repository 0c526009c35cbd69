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

/**
 * What keeping the leases of long-running handlers cost Redis.
 *
 * @param inFlight entries in flight at once
 * @param leaseMillis the lease
 * @param seconds how long the cost was measured
 * @param intervals heartbeat intervals (lease/2) in that time
 * @param scriptCalls lease script calls ({@code EVALSHA}/{@code EVAL}): round trips
 * @param innerCommands commands the scripts ran inside Redis ({@code XPENDING},
 * {@code XCLAIM})
 * @param allCommands every command Redis ran in that time, scripts included
 * @param redisMicros microseconds Redis spent in the lease scripts
 * @param duplicates handler runs beyond one per entry (an entry taken back by
 * {@code XAUTOCLAIM} because its lease lapsed)
 * @param completed whether every entry was handled and acknowledged afterwards
 */
record LeaseCostResult(int inFlight, long leaseMillis, double seconds, double intervals, long scriptCalls,
		long innerCommands, long allCommands, long redisMicros, long duplicates, boolean completed) {

	double roundTripsPerInterval() {
		return this.scriptCalls / this.intervals;
	}

	double roundTripsPerHandlerPerInterval() {
		return roundTripsPerInterval() / this.inFlight;
	}

	double commandsPerSecond() {
		return (this.scriptCalls + this.innerCommands) / this.seconds;
	}

	double redisMillisPerInterval() {
		return this.redisMicros / 1000.0 / this.intervals;
	}

}
