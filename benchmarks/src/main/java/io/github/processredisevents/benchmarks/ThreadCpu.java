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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the live threads, grouped by role (the last word of the thread name before
 * its number: {@code fetch}, {@code worker}, {@code ack}, ...), to see where a consumer
 * spends its time.
 */
final class ThreadCpu {

	private ThreadCpu() {
	}

	static Map<String, Long> byRole() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> roles = new TreeMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			long cpu = threads.getThreadCpuTime(info.getThreadId());
			if (cpu > 0) {
				roles.merge(role(info.getThreadName()), cpu, Long::sum);
			}
		}
		return roles;
	}

	/**
	 * Context switches (voluntary and not) of every thread of this process so far, from
	 * {@code /proc/self/task/*}/status; 0 where that does not exist.
	 */
	static long contextSwitches() {
		long total = 0;
		try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks = java.nio.file.Files
			.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
			for (java.nio.file.Path task : tasks) {
				try {
					for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
						if (line.contains("ctxt_switches:")) {
							total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
				catch (java.io.IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (java.io.IOException | RuntimeException ex) {
			return 0;
		}
		return total;
	}

	private static String role(String name) {
		String trimmed = name.replaceAll("[-#]?\\d+$", "");
		int dash = trimmed.lastIndexOf('-');
		return (dash >= 0) ? trimmed.substring(dash + 1) : trimmed;
	}

}
