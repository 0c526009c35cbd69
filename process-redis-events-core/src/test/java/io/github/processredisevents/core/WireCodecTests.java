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

import java.util.Map;

import io.github.processredisevents.core.WireCodec.DeadLetterMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WireCodecTests {

	private final WireCodec codec = new WireCodec(JsonMapper.builder().build());

	private final DeadLetterMetadata metadata = new DeadLetterMetadata("1-0", 3, "billing", "c1", 1000L, null, null);

	@Test
	void aDeadLetterIsTheOriginalObjectWithMetadataAdded() {
		String letter = this.codec.deadLetter(Map.of("data", "{\"orderId\":\"o-1\",\"amount\":12.5}"), this.metadata);
		assertThat(letter).isEqualTo("{\"orderId\":\"o-1\",\"amount\":12.5,\"_dlqMetadata\":{\"originalId\":\"1-0\","
				+ "\"attempts\":3,\"consumerGroup\":\"billing\",\"consumerId\":\"c1\",\"timestamp\":1000}}");
	}

	@Test
	void aNonObjectPayloadIsWrapped() {
		String letter = this.codec.deadLetter(Map.of("data", "[1,2]"), this.metadata);
		assertThat(letter).startsWith("{\"_dlqPayload\":[1,2],\"_dlqMetadata\":{").contains("\"payloadWrapped\":true");
		assertThat(this.codec.redriveData(letter)).isEqualTo("[1,2]");
	}

	@Test
	void textThatIsNotJsonIsKeptAsAString() {
		String letter = this.codec.deadLetter(Map.of("data", "{oops"), this.metadata);
		assertThat(this.codec.redriveData(letter)).isEqualTo("{oops");
	}

	@Test
	void aDeadLetterReadsBackAsItsMetadataAndTheOriginalPayload() {
		DeadLetter object = this.codec.readDeadLetter("9-0",
				this.codec.deadLetter(Map.of("data", "{\"a\":1}"), this.metadata));
		assertThat(object.id()).isEqualTo("9-0");
		assertThat(object.metadata()).containsEntry("originalId", "1-0").containsEntry("attempts", 3);
		assertThat(object.payload()).isEqualTo(Map.of("a", 1));
		DeadLetter wrapped = this.codec.readDeadLetter("9-1",
				this.codec.deadLetter(Map.of("data", "[1,2]"), this.metadata));
		assertThat(wrapped.payload()).isEqualTo(java.util.List.of(1, 2));
		DeadLetter text = this.codec.readDeadLetter("9-2",
				this.codec.deadLetter(Map.of("data", "{oops"), this.metadata));
		assertThat(text.payload()).isEqualTo("{oops");
	}

	@Test
	void redriveRemovesTheMetadata() {
		String letter = this.codec.deadLetter(Map.of("data", "{\"a\":1}"), this.metadata);
		assertThat(this.codec.redriveData(letter)).isEqualTo("{\"a\":1}");
	}

	@Test
	void eventsHaveTheSharedShape() {
		assertThat(this.codec.startedEvent("1-0")).isEqualTo("{\"id\":\"1-0\",\"type\":\"started\"}");
		assertThat(this.codec.progressEvent("1-0", 0.5, "Halfway"))
			.isEqualTo("{\"id\":\"1-0\",\"type\":\"progress\",\"completionRatio\":0.5,\"status\":\"Halfway\"}");
		assertThat(this.codec.completedEvent("1-0")).isEqualTo("{\"id\":\"1-0\",\"type\":\"completed\"}");
		assertThat(this.codec.failedEvent("1-0", "boom"))
			.isEqualTo("{\"id\":\"1-0\",\"type\":\"failed\",\"error\":\"boom\"}");
	}

	@Test
	void decodingWithoutDataFails() {
		assertThatExceptionOfType(UndecodableEntryException.class)
			.isThrownBy(() -> this.codec.decode(null, this.codec.javaType(String.class)))
			.withMessageContaining("no 'data' field");
	}

	@Test
	void jsonOfTheWrongShapeIsToldApartFromTextThatIsNotJson() {
		assertThatExceptionOfType(UndecodableEntryException.class)
			.isThrownBy(() -> this.codec.decode("{\"amount\":\"lots\"}", this.codec.javaType(Amount.class)))
			.withMessageStartingWith("Entry 'data' does not match type " + Amount.class.getName() + ": ")
			.withMessageContaining("lots");
		assertThatExceptionOfType(UndecodableEntryException.class)
			.isThrownBy(() -> this.codec.decode("{oops", this.codec.javaType(Amount.class)))
			.withMessageStartingWith("Entry 'data' is not valid JSON for " + Amount.class.getName() + ": ");
	}

	record Amount(int amount) {
	}

}
