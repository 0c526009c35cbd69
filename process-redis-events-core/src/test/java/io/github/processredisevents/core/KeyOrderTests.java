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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyOrder}.
 */
class KeyOrderTests {

	/** Entries written {@code key/id}. */
	private final KeyOrder<String> order = new KeyOrder<>((entry) -> entry.substring(entry.indexOf('/') + 1),
			(entry) -> entry.substring(0, entry.indexOf('/')));

	@Test
	void anEntryDeliveredAfterAHandOverBeganWaitsForTheRunningEntryOfItsKey() {
		assertThat(this.order.admit(List.of("a/1-0", "a/2-0", "b/3-0"))).containsExactly("a/1-0", "b/3-0");
		assertThat(this.order.clear()).containsExactly("a/2-0");
		// a read that was under way when the hand-over began delivers the next entry of a
		assertThat(this.order.admit(List.of("a/4-0"))).isEmpty();
		assertThat(this.order.settled("a/1-0", true)).isEqualTo("a/4-0");
	}

	@Test
	void clearForgetsKeysWithNothingRunning() {
		assertThat(this.order.admit(List.of("a/1-0", "b/2-0"))).containsExactly("a/1-0", "b/2-0");
		assertThat(this.order.settled("b/2-0", false)).isNull();
		assertThat(this.order.clear()).isEmpty();
		assertThat(this.order.blockedKeys()).isEqualTo(1);
		assertThat(this.order.admit(List.of("b/2-0"))).containsExactly("b/2-0");
	}

}
