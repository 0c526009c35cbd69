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
 * Progress lines on standard error, so that standard output holds only the results.
 */
final class Progress {

	private final long start = System.nanoTime();

	void line(String format, Object... args) {
		long seconds = (System.nanoTime() - this.start) / 1_000_000_000L;
		System.err.printf("[%3d s] %s%n", seconds, String.format(format, args));
	}

}
