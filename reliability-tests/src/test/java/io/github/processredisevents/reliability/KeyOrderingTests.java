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

package io.github.processredisevents.reliability;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyOrdering}: each measure counts what it defines, and nothing in a
 * ledger of orderly runs.
 */
class KeyOrderingTests {

	private final List<LedgerRecord> records = new ArrayList<>();

	@Test
	void countsNothingWhenEachKeyRunsInSequenceOneAtATime() {
		run("a/0", "c1", 0, 5);
		run("b/0", "c2", 1, 6);
		run("a/1", "c2", 5, 9);
		run("b/1", "c1", 6, 8);
		run("a/2", "c1", 10, 12);
		KeyOrdering ordering = KeyOrdering.of(this.records);
		assertThat(ordering)
			.extracting(KeyOrdering::keys, KeyOrdering::runs, KeyOrdering::violations, KeyOrdering::reruns)
			.containsExactly(2, 5, 0, 0);
	}

	@Test
	void countsAnEntryWhoseFirstRunStartedAfterALaterEntrysRun() {
		run("a/0", "c1", 0, 5);
		run("a/2", "c2", 6, 8);
		run("a/1", "c1", 9, 12);
		KeyOrdering ordering = KeyOrdering.of(this.records);
		assertThat(ordering.outOfOrder()).isEqualTo(1);
		assertThat(ordering.overlaps()).isZero();
		assertThat(ordering.examples()).singleElement().asString().startsWith("out of order: a/1 on c1");
	}

	@Test
	void countsRunsOfOneKeyInProgressAtOnceOnOneOrTwoConsumers() {
		run("a/0", "c1", 0, 5);
		run("a/1", "c2", 4, 8);
		run("a/2", "c2", 7, 10);
		run("b/0", "c1", 0, 5);
		run("b/1", "c1", 5, 7);
		KeyOrdering ordering = KeyOrdering.of(this.records);
		assertThat(ordering.overlaps()).isEqualTo(2);
		assertThat(ordering.overlapsAcrossConsumers()).isEqualTo(1);
		assertThat(ordering.outOfOrder()).isZero();
	}

	@Test
	void countsARunWithoutAnEndAsLastingToTheEnd() {
		this.records.add(record(LedgerRecord.Kind.STARTED, "a/0", "c1", 0));
		run("a/1", "c2", 100, 105);
		assertThat(KeyOrdering.of(this.records).overlaps()).isEqualTo(1);
	}

	@Test
	void countsReRunsApartAndThoseAfterALaterEntry() {
		run("a/0", "c1", 0, 5);
		run("a/0", "c1", 5, 7);
		run("a/1", "c2", 8, 10);
		run("a/0", "c2", 11, 13);
		KeyOrdering ordering = KeyOrdering.of(this.records);
		assertThat(ordering.reruns()).isEqualTo(2);
		assertThat(ordering.rerunsAfterLater()).isEqualTo(1);
		assertThat(ordering.violations()).isZero();
	}

	@Test
	void pairsEachEndWithTheStartBeforeItOnTheSameConsumer() {
		this.records.add(record(LedgerRecord.Kind.STARTED, "a/0", "c1", 0));
		this.records.add(record(LedgerRecord.Kind.STARTED, "a/0", "c2", 1));
		this.records.add(record(LedgerRecord.Kind.ABANDONED, "a/0", "c1", 2));
		this.records.add(record(LedgerRecord.Kind.DONE, "a/0", "c2", 6));
		run("a/1", "c2", 3, 4);
		KeyOrdering ordering = KeyOrdering.of(this.records);
		assertThat(ordering.overlaps()).as("a/0 twice, and a/1 within c2's a/0").isEqualTo(2);
	}

	private void run(String id, String consumer, long start, long end) {
		this.records.add(record(LedgerRecord.Kind.STARTED, id, consumer, start));
		this.records.add(record(LedgerRecord.Kind.DONE, id, consumer, end));
	}

	private static LedgerRecord record(LedgerRecord.Kind kind, String id, String consumer, long millis) {
		return new LedgerRecord(kind, id, consumer, 0, millis);
	}

}
