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
import org.jspecify.annotations.Nullable;

/**
 * Who may view the console and who may act in it.
 *
 * @since 0.1.0
 */
public interface ConsoleAccess {

	/**
	 * Check that the request may view the console.
	 * @param request the request
	 * @throws ConsoleException with status 401 or 403 when it may not
	 */
	void checkView(HttpServletRequest request);

	/**
	 * Check that the request may act (pause a handler, redrive dead letters, ...).
	 * @param request the request
	 * @throws ConsoleException with status 401 or 403 when it may not
	 */
	void checkAct(HttpServletRequest request);

	/**
	 * Whether the request may act; the page hides the action buttons otherwise.
	 * @param request the request
	 * @return whether it may act
	 */
	default boolean canAct(HttpServletRequest request) {
		try {
			checkAct(request);
			return true;
		}
		catch (ConsoleException ex) {
			return false;
		}
	}

	/**
	 * The CSRF token that the page sends with every action, when there is one.
	 * @param request the request for the page
	 * @return the header and token, or {@code null}
	 */
	@Nullable CsrfHeader csrf(HttpServletRequest request);

	/**
	 * A CSRF token and the header it goes in.
	 *
	 * @param headerName the header name
	 * @param token the token
	 */
	record CsrfHeader(String headerName, String token) {
	}

}
