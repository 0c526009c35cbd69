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

package io.github.processredisevents.autoconfigure.diagnostics;

import java.lang.reflect.Method;

import io.github.processredisevents.config.InvalidRedisEventHandlerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an {@link InvalidRedisEventHandlerException}: what is wrong with which handler,
 * bean, method and attribute, and what to do. It runs before Spring Boot's own analyzers,
 * so that a missing bean named by an attribute is reported with the attribute that names
 * it.
 */
class InvalidRedisEventHandlerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRedisEventHandlerException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRedisEventHandlerException cause) {
		StringBuilder description = new StringBuilder(cause.getMessage()).append(".\n\n");
		line(description, "Handler", (cause.getHandlerId() != null) ? cause.getHandlerId()
				: "(no id yet: it is made of 'stream' and 'group')");
		line(description, "Bean", cause.getBeanName());
		line(description, "Method", fullSignature(cause.getMethod()));
		if (cause.getAttribute() != null) {
			line(description, "Attribute",
					cause.getAttribute() + ((cause.getValue() != null) ? " = \"" + cause.getValue() + "\"" : ""));
		}
		return new FailureAnalysis(description.toString().stripTrailing(), cause.getAction(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static void line(StringBuilder description, String label, String value) {
		description.append("    ").append("%-10s ".formatted(label + ":")).append(value).append('\n');
	}

	private static String fullSignature(Method method) {
		StringBuilder signature = new StringBuilder(method.getDeclaringClass().getName());
		signature.append('.').append(method.getName()).append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			signature.append((i > 0) ? ", " : "").append(types[i].getName());
		}
		return signature.append(')').toString();
	}

}
