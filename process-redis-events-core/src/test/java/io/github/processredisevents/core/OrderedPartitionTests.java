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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validity of a partition's lease as its consumer sees it (fencing by time).
 */
class OrderedPartitionTests {

	private static final long LEASE = Duration.ofSeconds(10).toNanos();

	private final OrderedPartition partition = new OrderedPartition("orders:p0", PartitionKey.of("orders", "/key"),
			JsonMapper.builder().build(), 0, 1, 100);

	@Test
	void aPartitionNotAcquiredIsNotValid() {
		assertThat(this.partition.valid()).isFalse();
		assertThat(this.partition.fetching()).isFalse();
	}

	@Test
	void theLeaseIsValidUntilTheLeaseLessTheMarginCountedFromWhenTheAcquisitionWasSent() {
		long now = System.nanoTime();
		this.partition.acquired(now, LEASE);
		assertThat(this.partition.valid()).isTrue();
		assertThat(this.partition.fetching()).isTrue();
		// sent just before the deadline (three quarters of the lease) passed
		this.partition.acquired(now - (LEASE - LEASE / 4) + Duration.ofSeconds(1).toNanos(), LEASE);
		assertThat(this.partition.fetching()).isTrue();
		// sent just after
		this.partition.acquired(now - (LEASE - LEASE / 4) - 1, LEASE);
		assertThat(this.partition.valid()).isFalse();
		assertThat(this.partition.fetching()).isFalse();
		assertThat(this.partition.owned()).isTrue();
	}

	@Test
	void aRenewalAfterTheDeadlineMakesTheLeaseValidAgainAndWakesTheFetchLoop() {
		AtomicInteger wakes = new AtomicInteger();
		this.partition.wakeWith(wakes::incrementAndGet);
		long now = System.nanoTime();
		this.partition.acquired(now - LEASE, LEASE);
		assertThat(wakes).hasValue(1);
		assertThat(this.partition.fetching()).isFalse();
		// a renewal sent long ago changes nothing
		this.partition.renewed(now - LEASE, LEASE);
		assertThat(this.partition.fetching()).isFalse();
		assertThat(wakes).hasValue(1);
		this.partition.renewed(now, LEASE);
		assertThat(this.partition.fetching()).isTrue();
		assertThat(wakes).hasValue(2);
	}

	@Test
	void aRenewalSentEarlierThanTheLastOneDoesNotShortenTheLease() {
		long now = System.nanoTime();
		this.partition.acquired(now, LEASE);
		this.partition.renewed(now - LEASE, LEASE);
		assertThat(this.partition.valid()).isTrue();
	}

	@Test
	void aPartitionHandedOverStopsFetchingWhileItsLeaseIsValid() {
		this.partition.acquired(System.nanoTime(), LEASE);
		this.partition.stopFetching();
		assertThat(this.partition.fetching()).isFalse();
		assertThat(this.partition.valid()).isTrue();
	}

}
