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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Writes one line per scenario to {@code target/reliability-report.md}, a Markdown table
 * docs/reliability.md's figures are made from, rewritten after each scenario with the
 * rows of this run sorted by scenario number.
 */
public final class ReliabilityReport {

	private static final Path FILE = Path.of("target", "reliability-report.md");

	private static final String HEADER = """
			| # | Scenario | Entries | Lost (library) | Lost in Redis | Dup | Pending at end | Recovery | Drain | Alive | Notes |
			|---|---|---|---|---|---|---|---|---|---|---|
			""";

	private static final String ORDERING_HEADER = """
			| # | Keys | Handler runs | Out-of-order starts | Overlaps (on two consumers) | Re-runs | Re-runs after a later entry | Notes |
			|---|---|---|---|---|---|---|---|
			""";

	private static final List<String> rows = new ArrayList<>();

	private static final List<String> orderingRows = new ArrayList<>();

	private ReliabilityReport() {
	}

	/**
	 * Add a line.
	 * @param number the scenario number, like {@code 6a}
	 * @param scenario what was done
	 * @param figures what was measured
	 * @param notes anything else worth a reader's time
	 */
	public static synchronized void add(String number, String scenario, Figures figures, String notes) {
		String line = "| " + number + " | " + cell(scenario) + " | " + figures.added() + " | " + figures.lostByLibrary()
				+ " | " + figures.lostInRedis() + " | " + figures.dup() + " | " + figures.pending() + " | "
				+ format(figures.recovery()) + " | " + format(figures.drain()) + " | " + figures.alive() + "/"
				+ figures.configured() + " | " + cell(notes) + " |\n";
		write(line);
	}

	/**
	 * Add a line to the second table, of order per key, for a scenario of ordered
	 * consumers (after its line in the first table).
	 * @param number the scenario number
	 * @param ordering what was measured
	 * @param notes anything else worth a reader's time
	 */
	public static synchronized void addOrdering(String number, KeyOrdering ordering, String notes) {
		orderingRows.add("| " + number + " | " + ordering.keys() + " | " + ordering.runs() + " | "
				+ ordering.outOfOrder() + " | " + ordering.overlaps() + " (" + ordering.overlapsAcrossConsumers()
				+ ") | " + ordering.reruns() + " | " + ordering.rerunsAfterLater() + " | " + cell(notes) + " |");
		orderingRows.sort(Comparator.comparing(ReliabilityReport::sortKey));
		write(null);
	}

	private static void write(@Nullable String line) {
		if (line != null) {
			rows.add(line.replace("\n", " ").strip());
			rows.sort(Comparator.comparing(ReliabilityReport::sortKey));
		}
		String text = HEADER + String.join("\n", rows) + "\n";
		if (!orderingRows.isEmpty()) {
			text += "\n" + ORDERING_HEADER + String.join("\n", orderingRows) + "\n";
		}
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Rows sort by scenario number, then letter: 2 before 2b before 10.
	 */
	private static String sortKey(String row) {
		String number = row.substring(2, row.indexOf(" |", 2)).strip();
		String digits = number.replaceAll("[^0-9]", "");
		return String.format(Locale.ROOT, "%04d%s", Integer.parseInt(digits), number.substring(digits.length()));
	}

	/**
	 * Add a line for a scenario that checks behaviour rather than counts entries.
	 * @param number the scenario number
	 * @param scenario what was done
	 * @param notes what was found
	 */
	public static synchronized void addCheck(String number, String scenario, String notes) {
		write("| " + number + " | " + cell(scenario) + " | – | – | – | – | – | – | – | – | " + cell(notes) + " |\n");
	}

	private static String cell(String text) {
		return text.replace("|", "\\|");
	}

	static String format(@Nullable Duration duration) {
		if (duration == null) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
