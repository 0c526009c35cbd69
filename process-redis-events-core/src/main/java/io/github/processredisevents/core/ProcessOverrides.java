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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Values for some {@link ProcessOption options}, each one that is absent leaving the
 * builder's value as it is: the settings of one level of precedence (defaults, an
 * annotation, a handler's properties). Immutable; create one with {@link #builder()}.
 *
 * <p>
 * A handler's options are built by applying each level, lowest precedence first, to one
 * {@link ProcessOptions.Builder}.
 *
 * @since 0.1.0
 */
public final class ProcessOverrides {

	/** No overrides. */
	public static final ProcessOverrides NONE = new ProcessOverrides(Map.of());

	private final Map<ProcessOption<?>, Object> values;

	private ProcessOverrides(Map<ProcessOption<?>, Object> values) {
		this.values = values;
	}

	/**
	 * Start building overrides.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The value set for an option.
	 * @param <V> the value type
	 * @param option the option
	 * @return the value, or {@code null} when it is not set
	 */
	public <V> @Nullable V get(ProcessOption<V> option) {
		return option.type().cast(this.values.get(option));
	}

	/**
	 * The options that are set, with their values.
	 * @return the values, in {@link ProcessOption#values()} order
	 */
	public Map<ProcessOption<?>, Object> asMap() {
		return this.values;
	}

	/**
	 * Whether no option is set.
	 * @return whether this is empty
	 */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * Set the values that are set on a builder, in {@link ProcessOption#values()} order.
	 * @param <B> the builder type
	 * @param builder the builder
	 * @return the builder
	 * @throws InvalidOptionException if a value is out of range, naming its option
	 */
	public <B extends ProcessOptions.Builder<?>> B applyTo(B builder) {
		this.values.forEach((option, value) -> option.applyTo(builder, value));
		return builder;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ProcessOverrides overrides) && this.values.equals(overrides.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return "ProcessOverrides" + this.values;
	}

	/**
	 * Builds {@link ProcessOverrides}.
	 */
	public static final class Builder {

		private final Map<ProcessOption<?>, Object> values = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set an option, or unset it.
		 * @param <V> the value type
		 * @param option the option
		 * @param value the value, or {@code null} to leave the option unset
		 * @return this builder
		 */
		public <V> Builder set(ProcessOption<V> option, @Nullable V value) {
			Objects.requireNonNull(option, "'option' must not be null");
			if (value == null) {
				this.values.remove(option);
			}
			else {
				this.values.put(option, option.type().cast(value));
			}
			return this;
		}

		/**
		 * Build the overrides.
		 * @return the overrides
		 */
		public ProcessOverrides build() {
			Map<ProcessOption<?>, Object> ordered = new LinkedHashMap<>();
			for (ProcessOption<?> option : ProcessOption.values()) {
				Object value = this.values.get(option);
				if (value != null) {
					ordered.put(option, value);
				}
			}
			return new ProcessOverrides(Collections.unmodifiableMap(ordered));
		}

	}

}
