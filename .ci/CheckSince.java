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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that no {@code @since} tag in the main sources names a version after the one
 * being built (the root pom's version without {@code -SNAPSHOT}): what this release adds
 * says this release's version, whoever wrote it. Needs only a JDK:
 * {@code java .ci/CheckSince.java [root]}. Prints one line per tag out of line and exits 1
 * if there is any.
 */
public final class CheckSince {

	private static final Pattern PROJECT_VERSION = Pattern
		.compile("<artifactId>process-redis-events-parent</artifactId>\\s*<version>([^<]+)</version>");

	private static final Pattern SINCE = Pattern.compile("@since\\s+(\\S+)");

	public static void main(String[] args) throws IOException {
		Path root = Path.of((args.length > 0) ? args[0] : ".").toAbsolutePath().normalize();
		Matcher version = PROJECT_VERSION.matcher(Files.readString(root.resolve("pom.xml")));
		if (!version.find()) {
			System.out.println("No project version in " + root.resolve("pom.xml"));
			System.exit(1);
		}
		String building = version.group(1).replace("-SNAPSHOT", "");
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")
					&& path.toString().contains("/src/main/java/") && !path.toString().contains("/target/"))
				.toList()) {
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					Matcher since = SINCE.matcher(lines.get(i));
					if (since.find() && compare(since.group(1), building) > 0) {
						problems.add(root.relativize(file) + ":" + (i + 1) + ": @since " + since.group(1)
								+ ", but the version being built is " + building);
					}
				}
			}
		}
		problems.forEach(System.out::println);
		if (!problems.isEmpty()) {
			System.out.println(problems.size() + " @since tag(s) after the version being built");
			System.exit(1);
		}
		System.out.println("@since tags: none after " + building + ", the version being built");
	}

	private static int compare(String left, String right) {
		String[] a = left.split("\\.");
		String[] b = right.split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int x = (i < a.length) ? Integer.parseInt(a[i].replaceAll("\\D.*", "0")) : 0;
			int y = (i < b.length) ? Integer.parseInt(b[i].replaceAll("\\D.*", "0")) : 0;
			if (x != y) {
				return Integer.compare(x, y);
			}
		}
		return 0;
	}

}
