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

package io.github.processredisevents.actuate.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.GroupDescriptor;
import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.StreamDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Adds up the lines of a stream's partitions into one line for the logical stream: sums
 * of lengths and of each group's pending entries, lag and entries read (unknown when one
 * partition's is unknown), the most consumers a partition's group has.
 */
final class StreamTotals {

	private static final String PER_PARTITION = "(per partition)";

	private StreamTotals() {
	}

	static StreamDescriptor of(String name, String key, List<StreamDescriptor> partitions) {
		String error = null;
		Long length = 0L;
		Long entriesAdded = 0L;
		Long deadLetterLength = 0L;
		Map<String, GroupDescriptor> groups = new LinkedHashMap<>();
		for (StreamDescriptor partition : partitions) {
			if (error == null && partition.error() != null) {
				error = partition.name() + ": " + partition.error();
			}
			length = sum(length, partition.length());
			entriesAdded = sum(entriesAdded, partition.entriesAdded());
			deadLetterLength = sum(deadLetterLength, partition.deadLetterLength());
			for (GroupDescriptor group : partition.groups()) {
				groups.merge(group.name(), withoutOwnership(group), StreamTotals::add);
			}
		}
		return new StreamDescriptor(name, key, length, entriesAdded, deadLetterLength, new ArrayList<>(groups.values()),
				error, partitions);
	}

	private static GroupDescriptor add(GroupDescriptor a, GroupDescriptor b) {
		return new GroupDescriptor(a.name(), Math.max(a.consumers(), b.consumers()), a.pending() + b.pending(),
				sum(a.lag(), b.lag()), sum(a.entriesRead(), b.entriesRead()), PER_PARTITION, null);
	}

	/**
	 * A group's line without the ownership of one partition, which a total does not have.
	 */
	private static GroupDescriptor withoutOwnership(GroupDescriptor group) {
		return new GroupDescriptor(group.name(), group.consumers(), group.pending(), group.lag(), group.entriesRead(),
				group.lastDeliveredId(), null);
	}

	private static @Nullable Long sum(@Nullable Long a, @Nullable Long b) {
		return (a != null && b != null) ? a + b : null;
	}

}
