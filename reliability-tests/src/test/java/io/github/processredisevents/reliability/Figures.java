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

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What a scenario measured, joined from the ledger and Redis.
 *
 * @param added entries the producer added (Redis answered with an id)
 * @param completed distinct entries whose handler returned normally
 * @param deadLettered distinct entries dead-lettered
 * @param lost added but neither completed nor dead-lettered
 * @param lostInRedis of those, entries Redis itself no longer has (dropped by a crash)
 * @param dup completions beyond one per entry
 * @param pending pending entries at the end
 * @param recovery fault cleared to first acknowledgement
 * @param drain fault cleared to lag 0 and nothing pending
 * @param alive consumer loops running at the end
 * @param configured consumer loops configured
 * @param lostIds a few of the lost ids, for messages
 */
public record Figures(int added, int completed, int deadLettered, int lost, int lostInRedis, int dup, long pending,
		@Nullable Duration recovery, @Nullable Duration drain, int alive, int configured, List<String> lostIds) {

	/**
	 * Join the ledger with what Redis says.
	 * @param ledger the ledger
	 * @param probe the probe of the stream
	 * @param deadLetterKey the dead-letter stream key
	 * @param recovery the measured recovery, if any
	 * @param drain the measured drain, if any
	 * @param alive consumer loops running
	 * @param configured consumer loops configured
	 * @return the figures
	 */
	public static Figures of(Ledger ledger, GroupProbe probe, String deadLetterKey, @Nullable Duration recovery,
			@Nullable Duration drain, int alive, int configured) {
		return of(ledger.records(), new HashSet<>(probe.deadLetteredIds(deadLetterKey)), probe::streamIds,
				probe.pending(), recovery, drain, alive, configured);
	}

	/**
	 * Join the ledger with what the partitions of a stream hold, by ledger id
	 * ({@link KeyedEntry#id()}).
	 * @param ledger the ledger
	 * @param probe the probe of the partitions
	 * @param recovery the measured recovery, if any
	 * @param drain the measured drain, if any
	 * @param alive consumer loops running
	 * @param configured consumer loops configured
	 * @return the figures
	 */
	public static Figures of(Ledger ledger, PartitionsProbe probe, @Nullable Duration recovery,
			@Nullable Duration drain, int alive, int configured) {
		return of(ledger.records(), probe.deadLetteredIds(), probe::idsInStreams, probe.pending(), recovery, drain,
				alive, configured);
	}

	private static Figures of(List<LedgerRecord> records, Set<String> deadLettered, Supplier<Set<String>> inRedis,
			long pending, @Nullable Duration recovery, @Nullable Duration drain, int alive, int configured) {
		Set<String> added = new HashSet<>();
		Map<String, Integer> completions = new HashMap<>();
		for (LedgerRecord record : records) {
			if (record.kind() == LedgerRecord.Kind.ADDED) {
				added.add(record.id());
			}
			else if (record.kind() == LedgerRecord.Kind.DONE) {
				completions.merge(record.id(), 1, Integer::sum);
			}
		}
		Set<String> lost = new HashSet<>(added);
		lost.removeAll(completions.keySet());
		lost.removeAll(deadLettered);
		int lostInRedis = 0;
		if (!lost.isEmpty()) {
			Set<String> inStream = inRedis.get();
			lostInRedis = (int) lost.stream().filter((id) -> !inStream.contains(id)).count();
		}
		int dup = completions.values().stream().mapToInt((count) -> count - 1).sum();
		return new Figures(added.size(), completions.size(), deadLettered.size(), lost.size(), lostInRedis, dup,
				pending, recovery, drain, alive, configured, lost.stream().sorted().limit(10).toList());
	}

	/**
	 * Lost entries that Redis still has: lost because of the library.
	 * @return the count
	 */
	public int lostByLibrary() {
		return this.lost - this.lostInRedis;
	}

}
