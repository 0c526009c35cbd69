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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run with {@code EVALSHA}, falling back to {@code EVAL} when Redis does not
 * have it cached (after a restart, or on a node that has not seen it).
 */
final class LuaScript {

	private final String source;

	private final String sha1;

	LuaScript(String source) {
		this.source = source;
		this.sha1 = sha1(source);
	}

	Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
		try {
			return jedis.evalsha(this.sha1, keys, args);
		}
		catch (JedisNoScriptException ex) {
			return jedis.eval(this.source, keys, args);
		}
	}

	private static String sha1(String source) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
