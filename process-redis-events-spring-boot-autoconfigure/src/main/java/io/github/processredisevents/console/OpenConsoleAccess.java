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

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Access without Spring Security: anyone who reaches the port may view and act. Says so
 * in a warning when created.
 *
 * @since 0.1.0
 */
public class OpenConsoleAccess implements ConsoleAccess {

	private static final Log logger = LogFactory.getLog(OpenConsoleAccess.class);

	/**
	 * Create the access and warn that the console is open.
	 * @param path the console's path
	 * @param readOnly whether the console is read-only
	 */
	public OpenConsoleAccess(String path, boolean readOnly) {
		logger.warn("The redis-events console at " + path + " is open to anyone who can reach this port"
				+ (readOnly ? " (read-only)" : ", and lets them pause handlers and redrive or delete dead letters")
				+ ": Spring Security is not on the classpath. Add spring-boot-starter-security, set"
				+ " redis-events.console.read-only=true, or keep the port private.");
	}

	@Override
	public void checkView(HttpServletRequest request) {
	}

	@Override
	public void checkAct(HttpServletRequest request) {
	}

	@Override
	public @Nullable CsrfHeader csrf(HttpServletRequest request) {
		return null;
	}

}
