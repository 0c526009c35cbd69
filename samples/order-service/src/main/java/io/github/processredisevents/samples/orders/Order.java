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

package io.github.processredisevents.samples.orders;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * An order as it travels through the {@code orders} stream.
 *
 * @param orderId the order id
 * @param customer who ordered
 * @param amount the amount to charge
 * @param flagged whether the order needs a manual review before it ships; {@code false}
 * when a producer leaves it out or sends {@code null} (the TypeScript and Python versions
 * may), rather than a payload that does not match and is dead-lettered
 * @since 0.1.0
 */
public record Order(String orderId, String customer, double amount,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean flagged) {
}
