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
 * What {@code XINFO GROUPS} says about one consumer group.
 *
 * @param name the group name
 * @param consumers how many consumers the group knows
 * @param pending how many entries were delivered and not yet acknowledged
 * @param lastDeliveredId the id of the last entry delivered to the group
 * @param entriesRead how many entries the group has read (Redis 7 and later), or
 * {@code null} when Redis cannot tell
 * @param lag how many entries are waiting to be delivered (Redis 7 and later), or
 * {@code null} when Redis cannot tell
 * @since 0.1.0
 */
public record ConsumerGroupInfo(String name, long consumers, long pending, String lastDeliveredId,
		@Nullable Long entriesRead, @Nullable Long lag) {
}
