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

package io.github.processredisevents.annotation;

import java.util.List;

import io.github.processredisevents.core.QueueItem;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEventHandlerReflectiveProcessor}: the hints a native image needs
 * for handler methods and their payload types.
 */
class RedisEventHandlerReflectiveProcessorTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersHandlerMethodsForInvocationAndTheirPayloadTypesForBinding() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Handlers.class);
		for (String name : List.of("payload", "item", "batch")) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(ReflectionUtils.findMethod(Handlers.class, name, (Class<?>[]) null))).as(name)
				.accepts(this.hints);
		}
		for (Class<?> payload : List.of(Order.class, Refund.class, Return.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(payload)).as(payload.getSimpleName())
				.accepts(this.hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(payload, "id"))
				.as(payload.getSimpleName() + ".id()")
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(Address.class)).as("nested type").accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(QueueItem.class)).rejects(this.hints);
	}

	record Address(String city) {
	}

	record Order(String id, Address address) {
	}

	record Refund(String id) {
	}

	record Return(String id) {
	}

	static class Handlers {

		@RedisEventHandler(stream = "orders", group = "g")
		void payload(Order order) {
		}

		@RedisEventHandler(stream = "refunds", group = "g")
		void item(QueueItem<Refund> item) {
		}

		@RedisEventHandler(stream = "returns", group = "g")
		void batch(List<QueueItem<Return>> items) {
		}

	}

}
