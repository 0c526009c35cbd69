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

/**
 * Messages per second of one candidate, one figure per measured run.
 *
 * @param name the candidate
 * @param ours whether it is this library
 * @param runs messages per second of each measured run
 * @param jvmMicros CPU microseconds this JVM spent per message, each run (empty when not
 * measured)
 * @param redisMicros CPU microseconds Redis spent per message, each run (empty when not
 * measured)
 * @param commands Redis commands per message, each run (empty when not measured)
 */
record Throughput(String name, boolean ours, List<Double> runs, List<Double> jvmMicros, List<Double> redisMicros,
		List<Double> commands) {

	Throughput(String name, boolean ours, List<Double> runs) {
		this(name, ours, runs, List.of(), List.of(), List.of());
	}

	double commandsMedian() {
		return Stats.median(this.commands);
	}

	double median() {
		return Stats.median(this.runs);
	}

	double jvmMicrosMedian() {
		return Stats.median(this.jvmMicros);
	}

	double redisMicrosMedian() {
		return Stats.median(this.redisMicros);
	}

}
