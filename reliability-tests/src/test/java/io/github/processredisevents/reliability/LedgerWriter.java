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

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends ledger records to one file, one line each, written through to the operating
 * system at once so that a record survives a SIGKILL of the writing process.
 */
public final class LedgerWriter implements AutoCloseable {

	private final FileOutputStream out;

	LedgerWriter(Path file) {
		try {
			this.out = new FileOutputStream(file.toFile(), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Open a writer on a file of its own (used by child JVMs).
	 * @param file the ledger file
	 * @return the writer
	 */
	public static LedgerWriter open(Path file) {
		return new LedgerWriter(file);
	}

	/**
	 * A producer added an entry (Redis answered with its id).
	 * @param id the entry id
	 */
	public void added(String id) {
		write(LedgerRecord.Kind.ADDED, id, "-", 0);
	}

	/**
	 * A handler started on an entry.
	 * @param id the entry id
	 * @param consumer the consumer id
	 * @param attempt the attempt (0 on the first delivery)
	 */
	public void started(String id, String consumer, int attempt) {
		write(LedgerRecord.Kind.STARTED, id, consumer, attempt);
	}

	/**
	 * A handler returned normally for an entry.
	 * @param id the entry id
	 * @param consumer the consumer id
	 * @param attempt the attempt
	 */
	public void done(String id, String consumer, int attempt) {
		write(LedgerRecord.Kind.DONE, id, consumer, attempt);
	}

	/**
	 * A handler gave up on an entry because its lease was lost.
	 * @param id the entry id
	 * @param consumer the consumer id
	 * @param attempt the attempt
	 */
	public void abandoned(String id, String consumer, int attempt) {
		write(LedgerRecord.Kind.ABANDONED, id, consumer, attempt);
	}

	private synchronized void write(LedgerRecord.Kind kind, String id, String consumer, int attempt) {
		String line = kind + " " + id + " " + consumer + " " + attempt + " " + System.currentTimeMillis() + "\n";
		try {
			this.out.write(line.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
