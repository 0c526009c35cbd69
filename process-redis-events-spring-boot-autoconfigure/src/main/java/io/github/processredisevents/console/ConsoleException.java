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

import org.springframework.http.HttpStatus;

/**
 * A console request that cannot be served, with the status and the message the page
 * shows.
 *
 * @since 0.1.0
 */
public class ConsoleException extends RuntimeException {

	private final HttpStatus status;

	/**
	 * Create an exception.
	 * @param status the response status
	 * @param message what the page shows
	 */
	public ConsoleException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * The response status.
	 * @return the status
	 */
	public HttpStatus getStatus() {
		return this.status;
	}

}
