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

package io.github.processredisevents.annotation;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

import io.github.processredisevents.core.QueueItem;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.ReflectiveProcessor;
import org.springframework.core.ResolvableType;

/**
 * Registers what a {@link RedisEventHandler @RedisEventHandler} method needs in a native
 * image: the method, invoked reflectively, and its payload type (unwrapped from
 * {@code QueueItem<T>} and {@code List<QueueItem<T>>}) for Jackson data binding. Found by
 * Spring's AOT processing through the {@code @Reflective} meta-annotation, as Spring
 * Kafka does for {@code @KafkaListener}.
 *
 * @since 0.1.0
 */
public class RedisEventHandlerReflectiveProcessor implements ReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerReflectionHints(ReflectionHints hints, AnnotatedElement element) {
		if (element instanceof Method method) {
			hints.registerMethod(method, ExecutableMode.INVOKE);
			for (int i = 0; i < method.getParameterCount(); i++) {
				Type payload = payloadType(ResolvableType.forMethodParameter(method, i));
				if (payload != null) {
					this.bindingRegistrar.registerReflectionHints(hints, payload);
				}
			}
		}
	}

	private static @Nullable Type payloadType(ResolvableType parameter) {
		Class<?> type = parameter.resolve();
		if (type == null) {
			return null;
		}
		if (QueueItem.class.isAssignableFrom(type)) {
			return parameter.as(QueueItem.class).getGeneric(0).getType();
		}
		if (List.class.equals(type)) {
			ResolvableType element = parameter.getGeneric(0);
			Class<?> elementType = element.resolve();
			if (elementType != null && QueueItem.class.isAssignableFrom(elementType)) {
				return element.as(QueueItem.class).getGeneric(0).getType();
			}
		}
		return parameter.getType();
	}

}
