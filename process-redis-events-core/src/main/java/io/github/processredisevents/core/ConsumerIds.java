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

import java.security.SecureRandom;

/**
 * Generates consumer ids like the other process-redis-events versions: 21 characters from
 * the URL-safe alphabet.
 */
final class ConsumerIds {

	private static final char[] ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"
		.toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private ConsumerIds() {
	}

	static String generate() {
		char[] id = new char[21];
		for (int i = 0; i < id.length; i++) {
			id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(id);
	}

}
