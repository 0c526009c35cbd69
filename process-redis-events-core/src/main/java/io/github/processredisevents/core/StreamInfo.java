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

import org.jspecify.annotations.Nullable;

/**
 * What {@code XINFO STREAM} says about a stream.
 *
 * @param length how many entries the stream holds
 * @param groups how many consumer groups read it
 * @param entriesAdded how many entries were ever added (Redis 7 and later; otherwise the
 * length)
 * @param lastGeneratedId the id of the newest entry ever added
 * @param firstEntryId the id of the oldest entry it holds, if any
 * @param lastEntryId the id of the newest entry it holds, if any
 * @since 0.1.0
 */
public record StreamInfo(long length, long groups, long entriesAdded, String lastGeneratedId,
		@Nullable String firstEntryId, @Nullable String lastEntryId) {
}
