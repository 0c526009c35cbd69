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
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryPolicy}: the retry decision without Redis.
 */
class RetryPolicyTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(300));

	private final RetryPolicy policy = new RetryPolicy(3, Set.of(IllegalArgumentException.class), this.backoff);

	@Test
	void aFailureIsRetriedAfterTheBackoffOfItsDelivery() {
		assertThat(this.policy.afterFailure(0, new IllegalStateException()))
			.isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(100)));
		assertThat(this.policy.afterFailure(1, new IllegalStateException()))
			.isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(200)));
	}

	@Test
	void theLastAllowedAttemptDeadLettersNamingTheLimit() {
		assertThat(this.policy.afterFailure(2, new IllegalStateException()))
			.isEqualTo(new RetryPolicy.DeadLetter(RetryPolicy.RETRY_LIMIT_ERROR));
	}

	@Test
	void aNonRetryableFailureOrCauseDeadLettersAtOnce() {
		assertThat(this.policy.afterFailure(0, new IllegalArgumentException()))
			.isEqualTo(new RetryPolicy.DeadLetter(null));
		assertThat(this.policy.afterFailure(0, new RuntimeException(new NumberFormatException())))
			.isEqualTo(new RetryPolicy.DeadLetter(null));
	}

	@Test
	void withoutALimitFailuresAreRetriedForeverAtTheMaximumDelay() {
		RetryPolicy forever = new RetryPolicy(0, Set.of(), this.backoff);
		assertThat(forever.afterFailure(1000, new IllegalStateException()))
			.isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(300)));
		assertThat(forever.mayHandle(1000, () -> true)).isTrue();
	}

	@Test
	void aFirstDeliveryIsAlwaysHandledAndARedeliveryAsksShouldRetryWithinTheLimit() {
		assertThat(this.policy.mayHandle(0, () -> false)).isTrue();
		assertThat(this.policy.mayHandle(1, () -> false)).isFalse();
		assertThat(this.policy.mayHandle(2, () -> true)).isTrue();
		assertThat(this.policy.mayHandle(3, () -> true)).isFalse();
	}

}
