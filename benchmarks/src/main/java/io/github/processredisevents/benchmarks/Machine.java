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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What the run ran on.
 *
 * @param cores processors the JVM sees
 * @param memoryGb total memory
 * @param jdk the Java runtime
 * @param os the operating system
 * @param redis the Redis version
 * @param started when the run started
 */
record Machine(int cores, double memoryGb, String jdk, String os, String redis, String started) {

	static Machine describe(String redisVersion) {
		return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryGb(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				redisVersion, ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
	}

	/**
	 * The one-minute load average.
	 */
	static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	/**
	 * CPU time this JVM has used, in nanoseconds.
	 */
	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	private static double totalMemoryGb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: leave it out
		}
		return Double.NaN;
	}

}
