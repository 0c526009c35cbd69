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
 * One consumer over millions of entries.
 *
 * @param entries entries added and handled
 * @param seconds how long it took
 * @param heapStart heap after full GC once warmed up, in bytes
 * @param heapMiddle heap after full GC half-way, in bytes
 * @param heapEnd heap after full GC at the end, in bytes
 * @param maxPending the most entries pending (fetched, not acknowledged) seen
 * @param pendingFirstHalf the most pending seen in the first half
 * @param pendingSecondHalf the most pending seen in the second half
 * @param completed whether every entry was handled and acknowledged
 */
record StabilityResult(long entries, double seconds, long heapStart, long heapMiddle, long heapEnd, long maxPending,
		long pendingFirstHalf, long pendingSecondHalf, boolean completed) {

	double rate() {
		return this.entries / this.seconds;
	}

}
