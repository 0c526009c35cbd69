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

package io.github.processredisevents.config;

import java.lang.reflect.Method;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Thrown at startup when a {@code @RedisEventHandler} cannot run as declared: an
 * attribute that does not parse or is out of range, a method whose parameters do not fit,
 * or a bean named by an attribute that is missing or of the wrong type. It names the
 * handler, the bean, the method and the attribute, and says what to do; Spring Boot shows
 * it as its "APPLICATION FAILED TO START" report.
 *
 * @since 0.1.0
 */
public class InvalidRedisEventHandlerException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String handlerId;

	private final String beanName;

	private final transient Method method;

	private final @Nullable String attribute;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	/**
	 * Create an exception.
	 * @param handlerId the handler id, or {@code null} when it is not known yet
	 * @param beanName the name of the bean that declares the handler
	 * @param method the handler method
	 * @param attribute the attribute at fault, or {@code null} when the method itself is
	 * @param value the attribute's value (after placeholders), or {@code null}
	 * @param reason what is wrong, as the end of a sentence
	 * @param action what to do about it
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidRedisEventHandlerException(@Nullable String handlerId, String beanName, Method method,
			@Nullable String attribute, @Nullable String value, String reason, String action,
			@Nullable Throwable cause) {
		super(message(handlerId, beanName, method, attribute, reason), cause);
		this.handlerId = handlerId;
		this.beanName = Objects.requireNonNull(beanName, "'beanName' must not be null");
		this.method = Objects.requireNonNull(method, "'method' must not be null");
		this.attribute = attribute;
		this.value = value;
		this.reason = Objects.requireNonNull(reason, "'reason' must not be null");
		this.action = Objects.requireNonNull(action, "'action' must not be null");
	}

	/**
	 * The handler id.
	 * @return the id, or {@code null} when it was not known yet
	 */
	public @Nullable String getHandlerId() {
		return this.handlerId;
	}

	/**
	 * The name of the bean that declares the handler.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.beanName;
	}

	/**
	 * The handler method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * The attribute at fault.
	 * @return the attribute name, or {@code null} when the method itself is at fault
	 */
	public @Nullable String getAttribute() {
		return this.attribute;
	}

	/**
	 * The attribute's value, after placeholders were resolved.
	 * @return the value, or {@code null}
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * What is wrong.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * The method as {@code Type.name(ParameterType, ...)}.
	 * @param method a method
	 * @return its short signature
	 */
	public static String signature(Method method) {
		StringBuilder signature = new StringBuilder(ClassUtils.getShortName(method.getDeclaringClass()));
		signature.append('.').append(method.getName()).append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			signature.append((i > 0) ? ", " : "").append(ClassUtils.getShortName(types[i]));
		}
		return signature.append(')').toString();
	}

	private static String message(@Nullable String handlerId, String beanName, Method method,
			@Nullable String attribute, String reason) {
		StringBuilder message = new StringBuilder("@RedisEventHandler ");
		if (handlerId != null) {
			message.append('\'').append(handlerId).append("' ");
		}
		message.append("on bean '").append(beanName).append("' method ").append(signature(method)).append(": ");
		if (attribute != null) {
			message.append("attribute '").append(attribute).append("' ");
		}
		return message.append(reason).toString();
	}

}
