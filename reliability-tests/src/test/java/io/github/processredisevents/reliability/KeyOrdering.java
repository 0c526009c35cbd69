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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ledger says about order per key, for entries whose ledger id is
 * {@code key/sequence} ({@link KeyedEntry#id()}), the sequence numbering each key's
 * entries in the order they were added. A run is one handler call: from its
 * {@code STARTED} record to the {@code DONE} or {@code ABANDONED} record that follows it
 * on the same consumer (a run without an end lasts to the end of the ledger). Times are
 * the ledger's milliseconds and comparisons are strict: two events in the same
 * millisecond are never counted as a violation.
 *
 * @param keys keys with at least one run
 * @param runs handler runs
 * @param outOfOrder entries whose first run started after a run of a later entry of their
 * key had started
 * @param overlaps pairs of runs of one key in progress at the same time (the same entry
 * twice included)
 * @param overlapsAcrossConsumers of those, pairs on two different consumers
 * @param reruns runs beyond the first of each entry
 * @param rerunsAfterLater of those, runs that started after a run of a later entry of
 * their key had started (order broken by a repeated delivery)
 * @param examples a few violations, described
 */
public record KeyOrdering(int keys, int runs, int outOfOrder, int overlaps, int overlapsAcrossConsumers, int reruns,
		int rerunsAfterLater, List<String> examples) {

	private static final int EXAMPLES = 8;

	/**
	 * Measure the ledger.
	 * @param records the ledger's records, each writer's in the order written
	 * @return the measures
	 */
	public static KeyOrdering of(List<LedgerRecord> records) {
		Map<String, TreeMap<Long, List<Run>>> byKey = new HashMap<>();
		int runCount = 0;
		for (Run run : runs(records)) {
			byKey.computeIfAbsent(run.key(), (key) -> new TreeMap<>())
				.computeIfAbsent(run.sequence(), (sequence) -> new ArrayList<>())
				.add(run);
			runCount++;
		}
		int outOfOrder = 0;
		int overlaps = 0;
		int across = 0;
		int reruns = 0;
		int rerunsAfterLater = 0;
		List<String> examples = new ArrayList<>();
		for (TreeMap<Long, List<Run>> bySequence : byKey.values()) {
			// from the last sequence down: the earliest start of any later entry
			Run earliestLater = null;
			for (List<Run> entryRuns : bySequence.descendingMap().values()) {
				entryRuns.sort(Comparator.comparingLong(Run::start));
				Run first = entryRuns.get(0);
				if (earliestLater != null && earliestLater.start() < first.start()) {
					outOfOrder++;
					example(examples, "out of order: " + first + " first started after " + earliestLater);
				}
				for (Run rerun : entryRuns.subList(1, entryRuns.size())) {
					reruns++;
					if (earliestLater != null && earliestLater.start() < rerun.start()) {
						rerunsAfterLater++;
						example(examples, "re-run after a later entry: " + rerun + " after " + earliestLater);
					}
				}
				if (earliestLater == null || first.start() < earliestLater.start()) {
					earliestLater = first;
				}
			}
			List<Run> all = bySequence.values()
				.stream()
				.flatMap(List::stream)
				.sorted(Comparator.comparingLong(Run::start))
				.toList();
			for (int i = 0; i < all.size(); i++) {
				Run a = all.get(i);
				for (int j = i + 1; j < all.size() && all.get(j).start() < a.end(); j++) {
					Run b = all.get(j);
					if (a.start() < b.end() && b.start() < a.end()) {
						overlaps++;
						if (!a.consumer().equals(b.consumer())) {
							across++;
						}
						example(examples, "overlap: " + a + " and " + b);
					}
				}
			}
		}
		return new KeyOrdering(byKey.size(), runCount, outOfOrder, overlaps, across, reruns, rerunsAfterLater,
				List.copyOf(examples));
	}

	/**
	 * Violations of order per key: out-of-order starts and overlaps (re-runs are counted
	 * apart).
	 * @return the count
	 */
	public int violations() {
		return this.outOfOrder + this.overlaps;
	}

	private static void example(List<String> examples, String text) {
		if (examples.size() < EXAMPLES) {
			examples.add(text);
		}
	}

	/**
	 * Pair each start with the end that follows it on the same consumer, for the same
	 * entry.
	 */
	static List<Run> runs(List<LedgerRecord> records) {
		Map<String, Deque<LedgerRecord>> open = new HashMap<>();
		List<Run> runs = new ArrayList<>();
		for (LedgerRecord record : records) {
			String slot = record.id() + " " + record.consumer();
			switch (record.kind()) {
				case STARTED -> open.computeIfAbsent(slot, (key) -> new ArrayDeque<>()).addLast(record);
				case DONE, ABANDONED -> {
					Deque<LedgerRecord> starts = open.get(slot);
					LedgerRecord start = (starts != null) ? starts.pollFirst() : null;
					if (start != null) {
						runs.add(Run.of(start, record.millis()));
					}
				}
				default -> {
				}
			}
		}
		open.values().forEach((starts) -> starts.forEach((start) -> runs.add(Run.of(start, Long.MAX_VALUE))));
		return runs;
	}

	/**
	 * One handler call.
	 *
	 * @param key the entry's key
	 * @param sequence the entry's sequence within its key
	 * @param consumer the consumer that ran it
	 * @param start when it started
	 * @param end when it ended ({@link Long#MAX_VALUE} if it never did)
	 */
	record Run(String key, long sequence, String consumer, long start, long end) {

		static Run of(LedgerRecord start, long end) {
			KeyedEntry entry = KeyedEntry.parseId(start.id());
			return new Run(entry.key(), entry.seq(), start.consumer(), start.millis(), end);
		}

		@Override
		public String toString() {
			return this.key + "/" + this.sequence + " on " + this.consumer + " [" + this.start + ", "
					+ ((this.end != Long.MAX_VALUE) ? this.end : "no end") + "]";
		}

	}

}
