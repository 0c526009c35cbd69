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
 * Thrown when a {@link ProcessOverrides} value is out of range, naming the option so that
 * the caller can name the attribute or property it came from.
 *
 * @since 0.1.0
 */
public class InvalidOptionException extends IllegalArgumentException {

	private final transient ProcessOption<?> option;

	private final transient Object value;

	/**
	 * Create an exception.
	 * @param option the option
	 * @param value the refused value
	 * @param reason why it was refused, quoting the option's name
	 * @param cause the builder's exception
	 */
	InvalidOptionException(ProcessOption<?> option, Object value, String reason, Throwable cause) {
		super(reason, cause);
		this.option = option;
		this.value = value;
	}

	/**
	 * The option whose value was refused.
	 * @return the option
	 */
	public ProcessOption<?> option() {
		return this.option;
	}

	/**
	 * The refused value.
	 * @return the value
	 */
	public Object value() {
		return this.value;
	}

}
