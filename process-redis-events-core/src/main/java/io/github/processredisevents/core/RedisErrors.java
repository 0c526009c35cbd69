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

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Puts the command and the key into the errors Redis answers with, which name neither for
 * a missing key permission ({@code NOPERM this user has no permissions to access one
 * of the keys used as arguments}), nor the key for the rest. The exception keeps its
 * type, so callers catch what they caught before; connection errors pass unchanged.
 */
final class RedisErrors {

	private static final Pattern CONNECT_FAILURE = Pattern.compile("Failed to connect to ([^\\s]+:\\d+)");

	private RedisErrors() {
	}

	/**
	 * Run one Redis call, naming its command and key in any error reply.
	 * @param command the command, such as {@code XADD}
	 * @param key the key it touches
	 * @param call the call
	 * @return what the call returned
	 */
	static <V> V call(String command, String key, Supplier<V> call) {
		try {
			return call.get();
		}
		catch (JedisDataException ex) {
			throw describe(command, key, ex);
		}
	}

	/**
	 * Where a failed connection attempt was headed, as Jedis names it in its message
	 * ({@code Failed to connect to localhost:6379.}).
	 * @param ex the error
	 * @return {@code host:port}, or {@code null} when the error does not say
	 */
	static @Nullable String address(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			Matcher matcher = (cause.getMessage() != null) ? CONNECT_FAILURE.matcher(cause.getMessage()) : null;
			if (matcher != null && matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

	/**
	 * The same error, naming the command and key.
	 * @param command the command
	 * @param key the key
	 * @param ex the error Redis answered with
	 * @return an exception of the same kind
	 */
	static JedisDataException describe(String command, String key, JedisDataException ex) {
		String message = command + " on '" + key + "' failed: " + ex.getMessage();
		if (ex instanceof JedisAccessControlException) {
			return new JedisAccessControlException(message, ex);
		}
		return new JedisDataException(message, ex);
	}

}
