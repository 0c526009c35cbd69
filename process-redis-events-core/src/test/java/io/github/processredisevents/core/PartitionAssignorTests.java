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

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which consumer owns which partition in ordered processing.
 */
class PartitionAssignorTests {

	private static final List<String> PARTITIONS = IntStream.range(0, 12)
		.mapToObj((i) -> "{orders:" + i + "}")
		.toList();

	@Test
	void everyPartitionGoesToOneMemberAndTheMembersHoldAsManyAsTheyCan() {
		for (int members = 1; members <= 13; members++) {
			List<String> ids = members(members);
			Map<String, String> assigned = PartitionAssignor.assign(PARTITIONS, List.of(), ids);
			assertThat(assigned.keySet()).containsExactlyElementsOf(PARTITIONS);
			assertThat(assigned.values()).doesNotContainNull().allMatch(ids::contains);
			int capacity = (PARTITIONS.size() + members - 1) / members;
			assertThat(counts(assigned).values()).allMatch((count) -> count <= capacity);
		}
	}

	@Test
	void everyMemberComputesTheSameAssignmentWhateverTheOrderOfTheMembers() {
		List<String> members = members(5);
		List<String> reversed = new ArrayList<>(members);
		java.util.Collections.reverse(reversed);
		assertThat(PartitionAssignor.assign(PARTITIONS, List.of(), reversed))
			.isEqualTo(PartitionAssignor.assign(PARTITIONS, List.of(), members));
	}

	@Test
	void aJoiningMemberTakesItsShareAndALeavingMemberFreesAboutItsOwn() {
		for (int members = 1; members < 8; members++) {
			Map<String, String> before = PartitionAssignor.assign(PARTITIONS, List.of(), members(members));
			Map<String, String> after = PartitionAssignor.assign(PARTITIONS, List.of(), members(members + 1));
			long share = counts(after).get("consumer-" + members);
			assertThat(share).as("share of the new member among " + (members + 1)).isPositive();
			// the new member's share moves, and at most one more partition between the
			// others, as the capacity shrinks
			assertThat(moved(before, after)).as("moved when member %d joined", members).isBetween(share, share + 1);
			assertThat(PartitionAssignor.assign(PARTITIONS, List.of(), members(members))).isEqualTo(before);
		}
	}

	@Test
	void retiredPartitionsGoToTheirBestMemberOutsideTheCapacity() {
		Map<String, String> without = PartitionAssignor.assign(PARTITIONS, List.of(), members(3));
		Map<String, String> with = PartitionAssignor.assign(PARTITIONS, List.of("{orders:12}", "orders"), members(3));
		assertThat(with).hasSize(14).containsAllEntriesOf(without);
		assertThat(with.get("{orders:12}")).isNotNull();
	}

	@Test
	void noMembersNoAssignment() {
		assertThat(PartitionAssignor.assign(PARTITIONS, List.of(), List.of())).isEmpty();
	}

	private static List<String> members(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "consumer-" + i).toList();
	}

	private static Map<String, Integer> counts(Map<String, String> assigned) {
		Map<String, Integer> counts = new HashMap<>();
		assigned.values().forEach((member) -> counts.merge(member, 1, Integer::sum));
		return counts;
	}

	private static long moved(Map<String, String> before, Map<String, String> after) {
		Collection<String> partitions = before.keySet();
		return partitions.stream().filter((partition) -> !before.get(partition).equals(after.get(partition))).count();
	}

}
