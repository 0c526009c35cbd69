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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides which live consumer owns which partition in ordered processing. Every consumer
 * computes the same answer from the same members, without talking to the others.
 *
 * <p>
 * Rendezvous hashing with a capacity: each (partition, member) pair gets a score from a
 * hash of both; the pairs are taken from the highest score down, and a pair is assigned
 * when its partition is still free and its member holds fewer than
 * {@code ceil(partitions / members)}. So the partitions are balanced, and the assignment
 * is sticky: a member that joins takes about {@code 1/n} of the partitions (those it
 * scores highest on) and a member that leaves frees only its own. Retired partitions (of
 * an earlier partition count, see {@link PartitionedStream#retiredPartitions()}) go to
 * their highest-scoring member without counting against its capacity, so that consumers
 * that know of different retired partitions still agree on the current ones.
 */
final class PartitionAssignor {

	private PartitionAssignor() {
	}

	/**
	 * Assign partitions to members.
	 * @param partitions the current partitions' names
	 * @param retired the retired partitions' names
	 * @param members the live members
	 * @return the member of each partition, in the order given (empty without members)
	 */
	static Map<String, String> assign(List<String> partitions, List<String> retired, Collection<String> members) {
		Map<String, String> assigned = new LinkedHashMap<>();
		List<String> sorted = new ArrayList<>(new TreeSet<>(members));
		if (sorted.isEmpty()) {
			return assigned;
		}
		int capacity = (partitions.size() + sorted.size() - 1) / sorted.size();
		List<Pair> pairs = new ArrayList<>(partitions.size() * sorted.size());
		for (String partition : partitions) {
			for (String member : sorted) {
				pairs.add(new Pair(partition, member, score(partition, member)));
			}
		}
		pairs.sort(Comparator.comparingLong(Pair::score)
			.reversed()
			.thenComparing(Pair::partition)
			.thenComparing(Pair::member));
		Map<String, String> byPartition = new HashMap<>();
		Map<String, Integer> held = new HashMap<>();
		for (Pair pair : pairs) {
			if (!byPartition.containsKey(pair.partition()) && held.getOrDefault(pair.member(), 0) < capacity) {
				byPartition.put(pair.partition(), pair.member());
				held.merge(pair.member(), 1, Integer::sum);
			}
		}
		for (String partition : partitions) {
			assigned.put(partition, byPartition.get(partition));
		}
		for (String partition : retired) {
			String best = null;
			long bestScore = Long.MIN_VALUE;
			for (String member : sorted) {
				long score = score(partition, member);
				if (best == null || score > bestScore) {
					best = member;
					bestScore = score;
				}
			}
			assigned.put(partition, best);
		}
		return assigned;
	}

	/**
	 * A well-mixed 64-bit hash of a partition and a member (FNV-1a, then a finalizer),
	 * the same in every JVM.
	 */
	static long score(String partition, String member) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : (partition + "\u0000" + member).getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		hash ^= (hash >>> 33);
		hash *= 0xff51afd7ed558ccdL;
		hash ^= (hash >>> 33);
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= (hash >>> 33);
		return hash;
	}

	private record Pair(String partition, String member, long score) {
	}

}
