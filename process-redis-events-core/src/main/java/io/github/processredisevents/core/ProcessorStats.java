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

/**
 * Counts kept by a {@link StreamProcessor} since it started.
 *
 * @param inFlight entries fetched and not yet finished
 * @param processed entries whose handler returned normally
 * @param failed handler attempts that failed (including undecodable entries)
 * @param retried failed entries released for another delivery
 * @param deadLettered entries given up on (dead-lettered, or only acknowledged when dead
 * letters are off)
 * @since 0.1.0
 */
public record ProcessorStats(int inFlight, long processed, long failed, long retried, long deadLettered) {
}
