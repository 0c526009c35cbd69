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
 * The payload of every scenario: about 60 bytes of JSON, carrying the time it was sent
 * (from {@link System#nanoTime()}) for latency measurements.
 *
 * @param id a sequence number
 * @param sentAt when it was added, in nanoseconds of this JVM's clock
 * @param customer a short text field
 * @param amount a number field
 */
public record Order(long id, long sentAt, String customer, double amount) {

	static Order of(long id, long sentAt) {
		return new Order(id, sentAt, "c-" + (id % 10_000), 12.5);
	}

}
