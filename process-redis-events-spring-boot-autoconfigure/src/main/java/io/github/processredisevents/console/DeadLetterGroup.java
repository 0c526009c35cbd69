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
package io.github.processredisevents.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.github.processredisevents.actuate.endpoint.RedisEventsEndpoint.DeadLetterDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Dead letters that failed for the same cause: the same error type and the same message
 * once ids, numbers and quoted values are masked (its fingerprint).
 *
 * @param id a short stable id of the cause
 * @param errorType the exception class, if recorded
 * @param fingerprint the error message with its variable parts masked
 * @param letters the dead letters, newest first
 * @since 0.1.0
 */
public record DeadLetterGroup(String id, @Nullable String errorType, String fingerprint,
		List<DeadLetterDescriptor> letters) {

	private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");

	private static final Pattern WITH_DIGIT = Pattern.compile("[\\w.:/@-]*\\d[\\w.:/@-]*");

	private static final int MAX_LENGTH = 200;

	/**
	 * How many dead letters the group holds.
	 * @return the count
	 */
	public int count() {
		return this.letters.size();
	}

	/**
	 * Group dead letters by cause, the largest group first.
	 * @param letters the dead letters, newest first
	 * @return the groups
	 */
	public static List<DeadLetterGroup> of(List<DeadLetterDescriptor> letters) {
		Map<String, List<DeadLetterDescriptor>> byCause = new LinkedHashMap<>();
		for (DeadLetterDescriptor letter : letters) {
			String type = text(letter.metadata().get("errorType"));
			String fingerprint = fingerprint(text(letter.metadata().get("error")));
			byCause.computeIfAbsent(type + "\n" + fingerprint, (key) -> new ArrayList<>()).add(letter);
		}
		List<DeadLetterGroup> groups = new ArrayList<>(byCause.size());
		byCause.forEach((cause, members) -> {
			int split = cause.indexOf('\n');
			String type = cause.substring(0, split);
			groups.add(new DeadLetterGroup(id(cause), type.isEmpty() ? null : type, cause.substring(split + 1),
					List.copyOf(members)));
		});
		groups.sort(Comparator.comparingInt(DeadLetterGroup::count).reversed());
		return groups;
	}

	/**
	 * An error message with ids, numbers and quoted values masked, so that failures of
	 * the same cause read the same.
	 * @param error the error message
	 * @return the fingerprint
	 */
	public static String fingerprint(String error) {
		if (error.isBlank()) {
			return "(no message)";
		}
		String masked = WITH_DIGIT.matcher(QUOTED.matcher(error.strip()).replaceAll("\"…\"")).replaceAll("#");
		return (masked.length() > MAX_LENGTH) ? masked.substring(0, MAX_LENGTH) + "…" : masked;
	}

	private static String text(@Nullable Object value) {
		return (value != null) ? value.toString() : "";
	}

	private static String id(String cause) {
		CRC32 crc = new CRC32();
		crc.update(cause.getBytes(StandardCharsets.UTF_8));
		return Long.toHexString(crc.getValue());
	}

}
