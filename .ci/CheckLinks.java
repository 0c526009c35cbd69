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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that every relative link in the repository's Markdown files (README.md, docs/,
 * module READMEs) points at a file that exists and, when it has a {@code #anchor}, at a
 * heading of that file (GitHub's anchor rules). Needs only a JDK:
 * {@code java .ci/CheckLinks.java [root]}. Prints one line per broken link and exits 1 if
 * there is any.
 */
public final class CheckLinks {

	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	public static void main(String[] args) throws IOException {
		Path root = Path.of((args.length > 0) ? args[0] : ".").toAbsolutePath().normalize();
		List<String> problems = new CheckLinks().check(root);
		problems.forEach(System.out::println);
		if (!problems.isEmpty()) {
			System.out.println(problems.size() + " broken link(s) in the Markdown files");
			System.exit(1);
		}
		System.out.println("Markdown links: all relative links and anchors resolve");
	}

	List<String> check(Path root) throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path file : markdownFiles(root)) {
			List<String> lines = Files.readAllLines(file);
			boolean fenced = false;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.stripLeading().startsWith("```")) {
					fenced = !fenced;
					continue;
				}
				if (fenced) {
					continue;
				}
				Matcher matcher = LINK.matcher(withoutCodeSpans(line));
				while (matcher.find()) {
					String problem = problem(root, file, matcher.group(1));
					if (problem != null) {
						problems.add(root.relativize(file) + ":" + (i + 1) + ": " + matcher.group(1) + ": " + problem);
					}
				}
			}
		}
		return problems;
	}

	private String problem(Path root, Path file, String target) {
		if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return null; // https:, mailto:, ...: not checked offline
		}
		int hash = target.indexOf('#');
		String pathPart = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path linked = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
		if (!Files.exists(linked)) {
			return "no such file " + root.relativize(linked);
		}
		if (anchor == null || anchor.isEmpty()) {
			return null;
		}
		if (!linked.toString().endsWith(".md")) {
			return "anchor into a file that is not Markdown";
		}
		return anchorsOf(linked).contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + root.relativize(linked);
	}

	private Set<String> anchorsOf(Path file) {
		return this.anchors.computeIfAbsent(file, (path) -> {
			try {
				Set<String> result = new HashSet<>();
				Map<String, Integer> seen = new HashMap<>();
				boolean fenced = false;
				for (String line : Files.readAllLines(path)) {
					if (line.stripLeading().startsWith("```")) {
						fenced = !fenced;
						continue;
					}
					if (fenced) {
						continue;
					}
					Matcher html = HTML_ANCHOR.matcher(line);
					while (html.find()) {
						result.add(html.group(1));
					}
					if (line.matches("^#{1,6} .*")) {
						String slug = slug(line.replaceFirst("^#{1,6} ", ""));
						int count = seen.merge(slug, 1, Integer::sum);
						result.add((count == 1) ? slug : slug + "-" + (count - 1));
					}
				}
				return result;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.
	 */
	static String slug(String heading) {
		String text = heading.strip().replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
				slug.appendCodePoint(c);
			}
			else if (c == ' ') {
				slug.append('-');
			}
		});
		return slug.toString();
	}

	private static String withoutCodeSpans(String line) {
		return line.replaceAll("`[^`]*`", "``");
	}

	private static List<Path> markdownFiles(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.toString().endsWith(".md"))
				.filter((path) -> {
					Path relative = root.relativize(path);
					for (Path part : relative) {
						String name = part.toString();
						if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
							return false;
						}
					}
					return true;
				})
				.sorted()
				.toList();
		}
	}

}
