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

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

import io.github.processredisevents.config.InvalidRedisEventHandlerException;
import io.github.processredisevents.config.MethodRedisEventHandlerEndpoint;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.ProcessOption;
import io.github.processredisevents.core.ProcessOverrides;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link RedisEventHandler @RedisEventHandler} methods on beans, resolves
 * placeholders and expressions in their attributes, and registers a
 * {@link MethodRedisEventHandlerEndpoint} for each with the
 * {@link RedisEventHandlerRegistry} once all singletons exist. A bad attribute fails
 * startup with a message naming the bean, the method and the attribute.
 *
 * @since 0.1.0
 */
public class RedisEventHandlerBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private final Set<Class<?>> classesWithoutHandlers = ConcurrentHashMap.newKeySet();

	private final List<Found> found = new ArrayList<>();

	private final BeanTypes beanTypes = new BeanTypes(this::requireBeanFactory);

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable BeanExpressionContext expressionContext;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
		this.expressionContext = new BeanExpressionContext(this.beanFactory, null);
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.classesWithoutHandlers.contains(targetClass)) {
			return bean;
		}
		Map<Method, RedisEventHandler> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<RedisEventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, RedisEventHandler.class));
		if (methods.isEmpty()) {
			this.classesWithoutHandlers.add(targetClass);
			return bean;
		}
		synchronized (this.found) {
			methods.forEach((method, annotation) -> this.found.add(new Found(bean, beanName, method, annotation)));
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Found> handlers;
		synchronized (this.found) {
			handlers = new ArrayList<>(this.found);
			this.found.clear();
		}
		if (handlers.isEmpty()) {
			return;
		}
		ConfigurableListableBeanFactory factory = requireBeanFactory();
		RedisEventHandlerRegistry registry;
		try {
			registry = factory.getBean(RedisEventHandlerRegistry.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IllegalStateException("@RedisEventHandler methods were found (" + handlers.get(0).describe()
					+ ") but there is no single RedisEventHandlerRegistry bean to run them", ex);
		}
		for (Found handler : handlers) {
			registry.register(createEndpoint(handler));
		}
	}

	private MethodRedisEventHandlerEndpoint createEndpoint(Found handler) {
		RedisEventHandler annotation = handler.annotation;
		Attributes attributes = new Attributes(handler);
		String stream = attributes.required("stream", annotation.stream());
		String group = attributes.required("group", annotation.group());
		String id = attributes.resolve(annotation.id());
		if (!StringUtils.hasText(id)) {
			id = stream + "-" + group;
		}
		attributes.handlerId = id;
		MethodRedisEventHandlerEndpoint endpoint = new MethodRedisEventHandlerEndpoint(id, stream, group, handler.bean,
				handler.beanName, handler.method);
		String mapper = attributes.resolve(annotation.mapper());
		if (StringUtils.hasText(mapper)) {
			BeanTypes.Checked<Function<List<Object>, List<Object>>> checked = this.beanTypes.mapper(attributes, mapper,
					endpoint.getHandlerPayloadType());
			endpoint.setMapper(checked.bean(), checked.inputType());
		}
		// after the mapper: shouldRetry is checked against the type entries are read as
		attributes.payloadType = endpoint.getPayloadType();
		endpoint.setOverrides(attributes.overrides(AnnotationUtils.getAnnotationAttributes(annotation)));
		Boolean autoStartup = attributes.bool("autoStartup", annotation.autoStartup());
		endpoint.setAutoStartup(autoStartup == null || autoStartup);
		return endpoint;
	}

	private ConfigurableListableBeanFactory requireBeanFactory() {
		Assert.state(this.beanFactory != null, "No bean factory set");
		return this.beanFactory;
	}

	/**
	 * A handler method found on a bean.
	 */
	private record Found(Object bean, String beanName, Method method, RedisEventHandler annotation) {

		String describe() {
			return "@RedisEventHandler on bean '" + this.beanName + "' method "
					+ ClassUtils.getShortName(this.method.getDeclaringClass()) + "." + this.method.getName() + "()";
		}

	}

	/**
	 * Resolves and parses the attributes of one annotation, naming the attribute when one
	 * is invalid.
	 */
	final class Attributes {

		private final Found handler;

		private @Nullable String handlerId;

		private Type payloadType = Object.class;

		Attributes(Found handler) {
			this.handler = handler;
		}

		String resolve(String value) {
			if (!StringUtils.hasText(value)) {
				return "";
			}
			ConfigurableListableBeanFactory factory = requireBeanFactory();
			String resolved = factory.resolveEmbeddedValue(value);
			BeanExpressionResolver resolver = factory.getBeanExpressionResolver();
			if (resolved != null && resolver != null) {
				Object evaluated = resolver.evaluate(resolved,
						RedisEventHandlerBeanPostProcessor.this.expressionContext);
				return (evaluated != null) ? evaluated.toString().trim() : "";
			}
			return (resolved != null) ? resolved.trim() : "";
		}

		/**
		 * Read every attribute named like a {@link ProcessOption}, converting it to the
		 * option's type.
		 */
		ProcessOverrides overrides(Map<String, Object> annotationAttributes) {
			ProcessOverrides.Builder overrides = ProcessOverrides.builder();
			for (ProcessOption<?> option : ProcessOption.values()) {
				Object value = annotationAttributes.get(option.name());
				if (value != null) {
					set(overrides, option, value);
				}
			}
			return overrides.build();
		}

		private <V> void set(ProcessOverrides.Builder overrides, ProcessOption<V> option, Object value) {
			Object converted = convert(option.name(), option.type(), value);
			if (converted != null) {
				overrides.set(option, option.type().cast(converted));
			}
		}

		private @Nullable Object convert(String attribute, Class<?> type, Object value) {
			if (value instanceof Class<?>[] classes) {
				return (classes.length > 0) ? List.of(classes) : null;
			}
			String text = (String) value;
			if (type == String.class) {
				String resolved = resolve(text);
				return (!resolved.isEmpty()) ? resolved : null;
			}
			if (type == Integer.class) {
				return integer(attribute, text);
			}
			if (type == Double.class) {
				return decimal(attribute, text);
			}
			if (type == Boolean.class) {
				return bool(attribute, text);
			}
			if (type == Duration.class) {
				return duration(attribute, text);
			}
			if (type.isEnum()) {
				return enumValue(attribute, type, text);
			}
			if (type == BiPredicate.class) {
				String name = resolve(text);
				return (!name.isEmpty())
						? RedisEventHandlerBeanPostProcessor.this.beanTypes.shouldRetry(this, name, this.payloadType)
						: null;
			}
			throw new IllegalStateException("Attribute '" + attribute + "' has unsupported type " + type.getName());
		}

		String required(String attribute, String value) {
			String resolved = resolve(value);
			if (!StringUtils.hasText(resolved)) {
				throw new InvalidRedisEventHandlerException(this.handlerId, this.handler.beanName, this.handler.method,
						attribute, value, "must not be empty", "Give the '" + attribute + "' attribute a value"
								+ (value.isEmpty() ? "" : " (it resolved to '')") + ".",
						null);
			}
			return resolved;
		}

		@Nullable Integer integer(String attribute, String value) {
			String resolved = resolve(value);
			if (resolved.isEmpty()) {
				return null;
			}
			try {
				return Integer.valueOf(resolved);
			}
			catch (NumberFormatException ex) {
				throw invalid(attribute, value, resolved, "must be an integer", "an integer such as \"4\"");
			}
		}

		@Nullable Double decimal(String attribute, String value) {
			String resolved = resolve(value);
			if (resolved.isEmpty()) {
				return null;
			}
			try {
				return Double.valueOf(resolved);
			}
			catch (NumberFormatException ex) {
				throw invalid(attribute, value, resolved, "must be a number", "a number such as \"2.0\"");
			}
		}

		@Nullable Duration duration(String attribute, String value) {
			String resolved = resolve(value);
			if (resolved.isEmpty()) {
				return null;
			}
			try {
				return DurationFormatterUtils.detectAndParse(resolved, DurationFormat.Unit.MILLIS);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(attribute, value, resolved, "must be a duration",
						"a duration such as \"30s\" or \"500ms\", or a number of milliseconds");
			}
		}

		@Nullable Boolean bool(String attribute, String value) {
			String resolved = resolve(value);
			if (resolved.isEmpty()) {
				return null;
			}
			if ("true".equalsIgnoreCase(resolved) || "false".equalsIgnoreCase(resolved)) {
				return Boolean.valueOf(resolved);
			}
			throw invalid(attribute, value, resolved, "must be 'true' or 'false'", "\"true\" or \"false\"");
		}

		@Nullable Object enumValue(String attribute, Class<?> type, String value) {
			String resolved = resolve(value);
			if (resolved.isEmpty()) {
				return null;
			}
			Object[] constants = type.getEnumConstants();
			for (Object constant : constants) {
				if (((Enum<?>) constant).name().equalsIgnoreCase(resolved)) {
					return constant;
				}
			}
			List<String> allowed = Arrays.stream(constants)
				.map((constant) -> "'" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT) + "'")
				.toList();
			String choice = String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or "
					+ allowed.get(allowed.size() - 1);
			throw invalid(attribute, value, resolved, "must be " + choice + " (in any case)", choice);
		}

		private InvalidRedisEventHandlerException invalid(String attribute, String declared, String value,
				String reason, String allowed) {
			String source = declared.equals(value) ? "" : " (from '" + declared + "')";
			return new InvalidRedisEventHandlerException(this.handlerId, this.handler.beanName, this.handler.method,
					attribute, value, reason + ", but was '" + value + "'" + source,
					"Set the '" + attribute + "' attribute to " + allowed
							+ ", or leave it empty to use redis-events.defaults.* or the built-in default.",
					null);
		}

		/**
		 * An attribute that names a bean which is missing or unfit.
		 * @param attribute the attribute
		 * @param value the bean name
		 * @param reason what is wrong
		 * @param action what to do
		 * @param cause the underlying failure, or {@code null}
		 * @return the exception
		 */
		InvalidRedisEventHandlerException invalidBean(String attribute, String value, String reason, String action,
				@Nullable Throwable cause) {
			return new InvalidRedisEventHandlerException(this.handlerId, this.handler.beanName, this.handler.method,
					attribute, value, reason, action, cause);
		}

	}

}
