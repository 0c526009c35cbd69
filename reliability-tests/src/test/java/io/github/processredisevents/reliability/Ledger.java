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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of ledger files, one per process or consumer: the producer records every id
 * it added, handlers record what they started and finished. {@link #records()} joins
 * them.
 */
public final class Ledger {

	private final Path directory;

	private final List<LedgerWriter> writers = new ArrayList<>();

	private Ledger(Path directory) {
		this.directory = directory;
	}

	/**
	 * A fresh ledger in a temporary directory.
	 * @param scenario a readable name
	 * @return the ledger
	 */
	public static Ledger create(String scenario) {
		try {
			return new Ledger(Files.createTempDirectory("ledger-" + scenario + "-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The directory, where child JVMs also write their logs.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The file for a writer called {@code name}.
	 * @param name the writer's name
	 * @return the file
	 */
	public Path file(String name) {
		return this.directory.resolve(name + ".ledger");
	}

	/**
	 * A writer of this process.
	 * @param name the writer's name
	 * @return the writer
	 */
	public synchronized LedgerWriter writer(String name) {
		LedgerWriter writer = new LedgerWriter(file(name));
		this.writers.add(writer);
		return writer;
	}

	/**
	 * Every record written so far, by any process.
	 * @return the records
	 */
	public List<LedgerRecord> records() {
		List<LedgerRecord> records = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".ledger")).toList()) {
				for (String line : Files.readAllLines(file)) {
					if (!line.isBlank() && line.chars().filter((c) -> c == ' ').count() == 4) {
						records.add(LedgerRecord.parse(line));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return records;
	}

	/**
	 * How many records of a kind there are.
	 * @param kind the kind
	 * @return the count
	 */
	public long count(LedgerRecord.Kind kind) {
		return records().stream().filter((record) -> record.kind() == kind).count();
	}

}
