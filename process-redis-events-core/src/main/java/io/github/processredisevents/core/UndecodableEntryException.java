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

/**
 * Thrown when a stream entry cannot be decoded to the handler's payload type: it has no
 * {@code data} field, the field is not JSON, or the JSON does not fit the type. Such
 * entries are dead-lettered at once.
 */
class UndecodableEntryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong with the entry
	 */
	UndecodableEntryException(String message) {
		super(message);
	}

	/**
	 * Create an exception.
	 * @param message what is wrong with the entry
	 * @param cause the decoding failure
	 */
	UndecodableEntryException(String message, Throwable cause) {
		super(message, cause);
	}

}
