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

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProcessOverridesTests {

	@Test
	void appliesOnlyTheOptionsThatAreSet() {
		ProcessOptions<String> options = ProcessOverrides.builder()
			.set(ProcessOption.BATCH_SIZE, 7)
			.set(ProcessOption.START_FROM, StartFrom.OLDEST)
			.set(ProcessOption.CONCURRENCY, null)
			.build()
			.applyTo(builder())
			.build();
		assertThat(options.batchSize()).isEqualTo(7);
		assertThat(options.startFrom()).isEqualTo(StartFrom.OLDEST);
		assertThat(options.concurrency()).isEqualTo(ProcessOptions.DEFAULT_CONCURRENCY);
		assertThat(options.backoff()).isEqualTo(Backoff.DEFAULT);
	}

	@Test
	void aLaterLevelOverridesOnlyWhatItSets() {
		ProcessOverrides defaults = ProcessOverrides.builder()
			.set(ProcessOption.LEASE, Duration.ofSeconds(5))
			.set(ProcessOption.BACKOFF_MAX, Duration.ofSeconds(2))
			.build();
		ProcessOverrides handler = ProcessOverrides.builder()
			.set(ProcessOption.BACKOFF_INITIAL, Duration.ofMillis(50))
			.set(ProcessOption.MAX_ATTEMPTS, 3)
			.build();
		ProcessOptions<String> options = handler.applyTo(defaults.applyTo(builder())).build();
		assertThat(options.lease()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.maxAttempts()).isEqualTo(3);
		assertThat(options.backoff()).isEqualTo(new Backoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(2)));
	}

	@Test
	void anInitialBackoffAboveTheMaximumRaisesTheMaximum() {
		ProcessOptions<String> options = ProcessOverrides.builder()
			.set(ProcessOption.BACKOFF_INITIAL, Duration.ofMinutes(1))
			.build()
			.applyTo(builder())
			.build();
		assertThat(options.backoff()).isEqualTo(new Backoff(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(1)));
	}

	@Test
	void backoffPartsApplyInOptionOrderWhateverTheOrderTheyWereSetIn() {
		ProcessOptions<String> options = ProcessOverrides.builder()
			.set(ProcessOption.BACKOFF_MAX, Duration.ofMinutes(2))
			.set(ProcessOption.BACKOFF_INITIAL, Duration.ofMinutes(1))
			.build()
			.applyTo(builder())
			.build();
		assertThat(options.backoff()).isEqualTo(new Backoff(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(2)));
	}

	@Test
	void notRetryableTypesAddToThoseAlreadySet() {
		ProcessOptions<String> options = ProcessOverrides.builder()
			.set(ProcessOption.NOT_RETRYABLE, List.of(IllegalStateException.class))
			.build()
			.applyTo(builder().notRetryable(IllegalArgumentException.class))
			.build();
		assertThat(options.notRetryable()).containsExactlyInAnyOrder(IllegalArgumentException.class,
				IllegalStateException.class);
	}

	@Test
	void anOutOfRangeValueNamesItsOption() {
		assertInvalid(ProcessOverrides.builder().set(ProcessOption.BATCH_SIZE, 0).build(), ProcessOption.BATCH_SIZE,
				"'batchSize' must be greater than zero");
		assertInvalid(ProcessOverrides.builder().set(ProcessOption.BACKOFF_MULTIPLIER, 0.5).build(),
				ProcessOption.BACKOFF_MULTIPLIER, "'multiplier' must be at least 1");
		assertInvalid(ProcessOverrides.builder()
			.set(ProcessOption.BACKOFF_INITIAL, Duration.ofSeconds(5))
			.set(ProcessOption.BACKOFF_MAX, Duration.ofSeconds(1))
			.build(), ProcessOption.BACKOFF_MAX, "'max' must not be less than 'initial'");
		assertInvalid(ProcessOverrides.builder().set(ProcessOption.BACKOFF_INITIAL, Duration.ofSeconds(-1)).build(),
				ProcessOption.BACKOFF_INITIAL, "'initial' must not be negative");
	}

	@Test
	void optionNamesAreUnique() {
		assertThat(ProcessOption.values()).extracting(ProcessOption::name).doesNotHaveDuplicates();
	}

	private static void assertInvalid(ProcessOverrides overrides, ProcessOption<?> option, String message) {
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> overrides.applyTo(builder()))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.option()).isSameAs(option));
	}

	private static ProcessOptions.Builder<String> builder() {
		return ProcessOptions.builder(String.class).group("g");
	}

}
