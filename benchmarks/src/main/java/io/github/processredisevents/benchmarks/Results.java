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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Everything one run measured, with the machine load seen around each scenario.
 */
final class Results {

	final Settings settings;

	final Machine machine;

	final List<Throughput> drain = new ArrayList<>();

	final List<LatencyResult> latency = new ArrayList<>();

	final List<Throughput> publish = new ArrayList<>();

	final List<LeaseCostResult> leases = new ArrayList<>();

	@Nullable StabilityResult stability;

	final List<Throughput> observation = new ArrayList<>();

	final Map<String, Double> loads = new LinkedHashMap<>();

	double seconds;

	Results(Settings settings, Machine machine) {
		this.settings = settings;
		this.machine = machine;
	}

	Optional<Double> drainRate(String name) {
		return this.drain.stream().filter((result) -> result.name().equals(name)).map(Throughput::median).findFirst();
	}

	Optional<LatencyResult> latency(String name, int rate) {
		return this.latency.stream()
			.filter((result) -> result.name().equals(name) && result.rate() == rate)
			.findFirst();
	}

}
