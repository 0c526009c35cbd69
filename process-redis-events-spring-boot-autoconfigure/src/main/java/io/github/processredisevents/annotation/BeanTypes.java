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

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.processredisevents.annotation.RedisEventHandlerBeanPostProcessor.Attributes;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * Looks up the beans that {@code shouldRetry} and {@code mapper} name, and checks at
 * startup, wherever their declarations tell, that their generic types fit the handler: a
 * {@code BiPredicate<Integer, String>} on a handler of {@code Job} fails here rather than
 * with a {@code ClassCastException} on the first retry.
 */
final class BeanTypes {

	private static final Pattern PACKAGE = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+(?=[A-Z])");

	private static final int MAX_CANDIDATES = 10;

	private final Supplier<ConfigurableListableBeanFactory> beanFactory;

	BeanTypes(Supplier<ConfigurableListableBeanFactory> beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * The {@code shouldRetry} bean, checked against the type entries are read as.
	 */
	@SuppressWarnings("unchecked")
	BiPredicate<Integer, Object> shouldRetry(Attributes attributes, String name, Type payloadType) {
		String expected = "BiPredicate<Integer, " + describe(payloadType) + ">";
		Object bean = bean(attributes, "shouldRetry", name, BiPredicate.class, expected);
		if (!(bean instanceof BiPredicate<?, ?> predicate)) {
			throw attributes.invalidBean("shouldRetry", name,
					"names bean '" + name + "', which is a " + bean.getClass().getName() + ", not a BiPredicate",
					"Declare '" + name + "' as a " + expected + " (attempts so far, payload), or name another bean.",
					null);
		}
		ResolvableType type = typeOf(name, bean, BiPredicate.class);
		if (!fits(type.getGeneric(0), Integer.class) || !fits(type.getGeneric(1), payloadType)) {
			throw attributes.invalidBean("shouldRetry", name,
					"names bean '" + name + "', a " + describe(type) + ", which cannot take this handler's attempts"
							+ " and payload (Integer, " + describe(payloadType) + ")",
					"Declare '" + name + "' as a " + expected + ", or name another bean.", null);
		}
		return (BiPredicate<Integer, Object>) predicate;
	}

	/**
	 * The {@code mapper} bean and the type entries are read as for it, its output checked
	 * against what the method takes.
	 */
	@SuppressWarnings("unchecked")
	Checked<Function<List<Object>, List<Object>>> mapper(Attributes attributes, String name, Type handlerPayloadType) {
		String handled = describe(handlerPayloadType);
		String expected = "Function<List<In>, List<" + handled + ">>";
		Object bean = bean(attributes, "mapper", name, Function.class, expected);
		if (!(bean instanceof Function<?, ?> function)) {
			throw attributes.invalidBean("mapper", name,
					"names bean '" + name + "', which is a " + bean.getClass().getName() + ", not a Function",
					"Declare '" + name + "' as a " + expected + ", or name another bean.", null);
		}
		ResolvableType type = typeOf(name, bean, Function.class);
		ResolvableType input = type.getGeneric(0).as(List.class).getGeneric(0);
		if (input.resolve() == null) {
			throw attributes.invalidBean("mapper", name, "names bean '" + name + "', whose input type cannot be told",
					"Declare '" + name + "' as a " + expected + " (a @Bean method with that return type) so that"
							+ " entries can be read as In.",
					null);
		}
		ResolvableType output = type.getGeneric(1).as(List.class).getGeneric(0);
		if (output.resolve() != Object.class && !fits(ResolvableType.forType(handlerPayloadType), output)) {
			throw attributes.invalidBean("mapper", name,
					"names bean '" + name + "', a " + describe(type) + ", whose items (" + describe(output)
							+ ") are not what the method takes (" + handled + ")",
					"Make '" + name + "' return List<" + handled + ">, or change the method to take " + describe(output)
							+ ".",
					null);
		}
		return new Checked<>((Function<List<Object>, List<Object>>) function, input.getType());
	}

	private Object bean(Attributes attributes, String attribute, String name, Class<?> kind, String expected) {
		ConfigurableListableBeanFactory factory = this.beanFactory.get();
		try {
			return factory.getBean(name);
		}
		catch (NoSuchBeanDefinitionException ex) {
			String[] candidates = factory.getBeanNamesForType(kind);
			String known = (candidates.length == 0) ? "" : "; beans of type " + kind.getSimpleName() + ": "
					+ Arrays.asList(Arrays.copyOf(candidates, Math.min(candidates.length, MAX_CANDIDATES)));
			throw attributes.invalidBean(
					attribute, name, "names bean '" + name + "', which does not exist", "Declare a bean named '" + name
							+ "' of type " + expected + ", or correct the '" + attribute + "' attribute" + known + ".",
					ex);
		}
	}

	/**
	 * The bean's type as its declaration gives it (a {@code @Bean} method's return type),
	 * or else as its class implements the interface.
	 */
	private ResolvableType typeOf(String name, Object bean, Class<?> kind) {
		try {
			ResolvableType declared = this.beanFactory.get().getMergedBeanDefinition(name).getResolvableType().as(kind);
			if (declared != ResolvableType.NONE && !declared.hasUnresolvableGenerics()) {
				return declared;
			}
		}
		catch (NoSuchBeanDefinitionException ex) {
			// a singleton registered without a definition: its class tells
		}
		return ResolvableType.forClass(AopUtils.getTargetClass(bean)).as(kind);
	}

	/**
	 * Whether a value of type {@code actual} can be passed where {@code declared} is
	 * expected; a type that cannot be told fits.
	 */
	private static boolean fits(ResolvableType declared, Type actual) {
		return fits(declared, ResolvableType.forType(actual));
	}

	private static boolean fits(ResolvableType declared, ResolvableType actual) {
		if (declared == ResolvableType.NONE || declared.resolve() == null || actual.resolve() == null) {
			return true;
		}
		return declared.isAssignableFrom(actual);
	}

	private static String describe(Type type) {
		return describe(ResolvableType.forType(type));
	}

	private static String describe(ResolvableType type) {
		return PACKAGE.matcher(type.toString()).replaceAll("").replace('$', '.');
	}

	/**
	 * A bean and the type that entries are read as for it.
	 */
	record Checked<B>(B bean, Type inputType) {
	}

}
