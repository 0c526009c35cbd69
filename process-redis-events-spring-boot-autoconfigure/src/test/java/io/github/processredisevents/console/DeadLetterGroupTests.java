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

import java.util.List;
import java.util.Map;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.DeadLetterDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadLetterGroup}.
 */
class DeadLetterGroupTests {

	@Test
	void fingerprintMasksIdsNumbersAndQuotedValues() {
		assertThat(DeadLetterGroup.fingerprint("Order o-970d05fa is flagged for manual review"))
			.isEqualTo("Order # is flagged for manual review");
		assertThat(DeadLetterGroup.fingerprint("Timeout after 30000 ms calling 'billing-eu' at 10.0.0.7:8080"))
			.isEqualTo("Timeout after # ms calling \"…\" at #");
		assertThat(DeadLetterGroup.fingerprint(" ")).isEqualTo("(no message)");
	}

	@Test
	void groupsByErrorTypeAndFingerprintTheLargestGroupFirst() {
		List<DeadLetterGroup> groups = DeadLetterGroup
			.of(List.of(letter("3-0", "java.lang.IllegalStateException", "Order o-3 is flagged"),
					letter("2-0", "java.net.SocketTimeoutException", "Read timed out after 5000 ms"),
					letter("1-0", "java.lang.IllegalStateException", "Order o-1 is flagged"),
					letter("0-1", "java.lang.IllegalArgumentException", "Order o-0 is flagged")));
		assertThat(groups).extracting(DeadLetterGroup::errorType)
			.containsExactly("java.lang.IllegalStateException", "java.net.SocketTimeoutException",
					"java.lang.IllegalArgumentException");
		DeadLetterGroup first = groups.get(0);
		assertThat(first.fingerprint()).isEqualTo("Order # is flagged");
		assertThat(first.letters()).extracting(DeadLetterDescriptor::id).containsExactly("3-0", "1-0");
		assertThat(first.id()).isNotEqualTo(groups.get(2).id());
	}

	private static DeadLetterDescriptor letter(String id, String errorType, String error) {
		return new DeadLetterDescriptor(id, Map.of("errorType", errorType, "error", error), null);
	}

}
