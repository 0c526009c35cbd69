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
 * Time from add to handler start at a steady rate.
 *
 * @param name the candidate
 * @param ours whether it is this library
 * @param rate the target rate, per second
 * @param achievedRate the rate the producer achieved
 * @param count how many latencies were measured
 * @param p50 median, in nanoseconds
 * @param p99 99th percentile, in nanoseconds
 * @param p999 99.9th percentile, in nanoseconds
 * @param max the largest, in nanoseconds
 * @param idleCpu CPU of the consumer while no entry arrives, in percent of one core
 * @param cpu CPU of the consumer at this rate, in percent of one core
 */
record LatencyResult(String name, boolean ours, int rate, double achievedRate, int count, long p50, long p99, long p999,
		long max, double idleCpu, double cpu) {

}
