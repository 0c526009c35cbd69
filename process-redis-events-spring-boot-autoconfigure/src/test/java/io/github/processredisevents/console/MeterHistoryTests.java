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
package io.github.processredisevents.console;

import java.time.Duration;
import java.util.List;

import io.github.processredisevents.console.MeterHistory.Handler;
import io.github.processredisevents.console.MeterHistory.Series;
import io.github.processredisevents.core.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MeterHistory}.
 */
class MeterHistoryTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MeterHistory history = new MeterHistory(this.meters,
			() -> List.of(new Handler("billing", "orders", "billing")), Duration.ofSeconds(5), 3);

	@Test
	void keepsTheRateOfSuccessfullyProcessedEntriesOfEachHandlerOverTheLastSamples() {
		Counter success = processed("success", "consumer-1");
		Counter other = processed("success", "consumer-2");
		Counter error = processed("error", "consumer-1");
		this.history.sample();
		success.increment(10);
		other.increment(5);
		error.increment(100);
		this.history.sample();
		for (int i = 0; i < 2; i++) {
			success.increment(5);
			this.history.sample();
		}
		Series series = this.history.series().get("billing");
		assertThat(series.processedPerSecond()).containsExactly(3.0, 1.0, 1.0);
		this.history.sample();
		assertThat(this.history.series().get("billing").processedPerSecond()).containsExactly(1.0, 1.0, 0.0);
		assertThat(this.history.isWaitTimeMeasured()).isFalse();
	}

	@Test
	void keepsTheMeanWaitTimeWhenTheApplicationRecordsIt() {
		Timer wait = Timer.builder(MeterHistory.WAIT_TIMER)
			.tags("stream_name", "orders", "consumer_group", "billing")
			.register(this.meters);
		this.history.sample();
		wait.record(Duration.ofMillis(100));
		wait.record(Duration.ofMillis(300));
		this.history.sample();
		this.history.sample();
		assertThat(this.history.isWaitTimeMeasured()).isTrue();
		assertThat(this.history.series().get("billing").waitMillis()).containsExactly(200.0, null);
	}

	private Counter processed(String status, String consumer) {
		return Counter.builder(MeterNames.PROCESSED)
			.tags("stream_name", "orders", "consumer_group", "billing", "consumer_id", consumer, "status", status)
			.register(this.meters);
	}

}
