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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.github.processredisevents.core.BatchHandler;
import io.github.processredisevents.core.InvalidOptionException;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessOverrides;
import io.github.processredisevents.core.QueueHandler;
import io.github.processredisevents.core.QueueItem;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A handler made from a bean method: which stream and group it consumes, the settings its
 * annotation gives (as {@link ProcessOverrides}, so that unset ones fall through to the
 * next level of precedence), and how its method is called.
 *
 * @since 0.1.0
 */
public class MethodRedisEventHandlerEndpoint implements RedisEventHandlerEndpoint {

	private final String id;

	private final String stream;

	private final String group;

	private final Object bean;

	private final String beanName;

	private final Method method;

	private final Parameters parameters;

	private final Type handlerPayloadType;

	private ProcessOverrides overrides = ProcessOverrides.NONE;

	private @Nullable Function<List<Object>, List<Object>> mapper;

	private @Nullable Type mapperInputType;

	private boolean autoStartup = true;

	/**
	 * Create an endpoint, reading the payload type from the method's parameters.
	 * @param id the handler id
	 * @param stream the stream name
	 * @param group the consumer group
	 * @param bean the bean whose method handles entries
	 * @param beanName the bean's name
	 * @param method the method, taking the payload, a {@code QueueItem}, or both (payload
	 * first)
	 * @throws IllegalStateException if the method's parameters do not fit
	 */
	public MethodRedisEventHandlerEndpoint(String id, String stream, String group, Object bean, String beanName,
			Method method) {
		this.id = requireText(id, "id");
		this.stream = requireText(stream, "stream");
		this.group = requireText(group, "group");
		this.bean = Objects.requireNonNull(bean, "'bean' must not be null");
		this.beanName = Objects.requireNonNull(beanName, "'beanName' must not be null");
		this.method = Objects.requireNonNull(method, "'method' must not be null");
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Class<?>[] types = method.getParameterTypes();
		Type batchPayload = (types.length == 1) ? batchPayloadType(method, targetClass) : null;
		if (batchPayload != null) {
			this.parameters = Parameters.BATCH;
			this.handlerPayloadType = batchPayload;
		}
		else if (types.length == 1 && QueueItem.class.isAssignableFrom(types[0])) {
			this.parameters = Parameters.ITEM;
			this.handlerPayloadType = itemPayloadType(method, 0, targetClass);
		}
		else if (types.length == 1) {
			this.parameters = Parameters.PAYLOAD;
			this.handlerPayloadType = ResolvableType.forMethodParameter(method, 0, targetClass).getType();
		}
		else if (types.length == 2 && QueueItem.class.isAssignableFrom(types[1])
				&& !QueueItem.class.isAssignableFrom(types[0])) {
			this.parameters = Parameters.PAYLOAD_AND_ITEM;
			this.handlerPayloadType = ResolvableType.forMethodParameter(method, 0, targetClass).getType();
		}
		else {
			throw unfitParameters(types);
		}
	}

	private InvalidRedisEventHandlerException unfitParameters(Class<?>[] types) {
		boolean itemFirst = types.length == 2 && QueueItem.class.isAssignableFrom(types[0])
				&& !QueueItem.class.isAssignableFrom(types[1]);
		String reason;
		if (itemFirst) {
			reason = "takes the QueueItem before the payload; the payload must come first";
		}
		else if (types.length == 0) {
			reason = "takes no parameters; it must take the payload, its QueueItem, or both";
		}
		else {
			reason = "takes " + types.length + " parameters that do not fit; it must take the payload, its QueueItem,"
					+ " or both (payload first)";
		}
		String payload = itemFirst ? ClassUtils.getShortName(types[1])
				: (types.length > 0 && !QueueItem.class.isAssignableFrom(types[0])) ? ClassUtils.getShortName(types[0])
						: "Payload";
		String name = this.method.getName();
		return new InvalidRedisEventHandlerException(this.id, this.beanName, this.method, null, null, reason,
				"Declare the method in one of the accepted shapes:\n" + "    void " + name + "(" + payload
						+ " payload)\n" + "    void " + name + "(QueueItem<" + payload + "> item)\n" + "    void "
						+ name + "(" + payload + " payload, QueueItem<" + payload + "> item)\n" + "    void " + name
						+ "(List<QueueItem<" + payload + ">> batch)",
				null);
	}

	/**
	 * The {@code T} of a {@code List<QueueItem<T>>} parameter, or {@code null} when the
	 * parameter is something else (a {@code List<T>} payload included).
	 */
	private static @Nullable Type batchPayloadType(Method method, Class<?> targetClass) {
		ResolvableType parameter = ResolvableType.forMethodParameter(method, 0, targetClass);
		if (!List.class.equals(parameter.resolve())) {
			return null;
		}
		ResolvableType element = parameter.getGeneric(0);
		Class<?> elementClass = element.resolve();
		if (elementClass == null || !QueueItem.class.isAssignableFrom(elementClass)) {
			return null;
		}
		ResolvableType payload = element.as(QueueItem.class).getGeneric(0);
		return (payload == ResolvableType.NONE || payload.resolve() == null) ? Object.class : payload.getType();
	}

	private static Type itemPayloadType(Method method, int index, Class<?> targetClass) {
		ResolvableType generic = ResolvableType.forMethodParameter(method, index, targetClass)
			.as(QueueItem.class)
			.getGeneric(0);
		return (generic == ResolvableType.NONE || generic.resolve() == null) ? Object.class : generic.getType();
	}

	/**
	 * The handler id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * The stream name, without key prefix.
	 * @return the stream name
	 */
	public String getStream() {
		return this.stream;
	}

	/**
	 * The consumer group.
	 * @return the group name
	 */
	public String getGroup() {
		return this.group;
	}

	/**
	 * The bean whose method handles entries.
	 * @return the bean
	 */
	public Object getBean() {
		return this.bean;
	}

	/**
	 * The bean's name.
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
	 * The type that entries' {@code data} JSON is read as: the mapper's input type when
	 * there is a mapper, otherwise the type the method takes.
	 * @return the payload type
	 */
	public Type getPayloadType() {
		return (this.mapperInputType != null) ? this.mapperInputType : this.handlerPayloadType;
	}

	/**
	 * The payload type the method takes.
	 * @return the handler's payload type
	 */
	public Type getHandlerPayloadType() {
		return this.handlerPayloadType;
	}

	/**
	 * Whether the handler starts with the application context.
	 * @return whether it starts automatically
	 */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Set whether the handler starts with the application context.
	 * @param autoStartup whether it starts automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * The processing options the annotation sets; unset ones fall through to the
	 * defaults.
	 * @return the overrides
	 */
	public ProcessOverrides getOverrides() {
		return this.overrides;
	}

	/**
	 * Set the processing options the annotation sets.
	 * @param overrides the overrides
	 */
	public void setOverrides(ProcessOverrides overrides) {
		this.overrides = Objects.requireNonNull(overrides, "'overrides' must not be null");
	}

	/**
	 * Set the batch mapper and the type entries are read as before mapping.
	 * @param mapper the mapper, or {@code null} for none
	 * @param inputType the element type of the mapper's input list
	 */
	public void setMapper(@Nullable Function<List<Object>, List<Object>> mapper, @Nullable Type inputType) {
		this.mapper = mapper;
		this.mapperInputType = (mapper != null) ? inputType : null;
	}

	/**
	 * Apply the group and the settings this endpoint holds to a builder, leaving unset
	 * ones as they are.
	 * @param builder the builder
	 * @return the builder
	 * @throws IllegalStateException if a setting is out of range, naming the handler and
	 * the attribute
	 */
	public ProcessOptions.Builder<Object> applyTo(ProcessOptions.Builder<Object> builder) {
		builder.group(this.group);
		try {
			return this.overrides.applyTo(builder);
		}
		catch (InvalidOptionException ex) {
			String attribute = ex.option().name();
			throw new InvalidRedisEventHandlerException(this.id, this.beanName, this.method, attribute,
					String.valueOf(ex.value()), "is out of range: " + ex.getMessage(),
					"Correct the '" + attribute + "' attribute, or leave it empty to use redis-events.defaults.* or"
							+ " the built-in default.",
					ex);
		}
	}

	/**
	 * Start processing the stream (every partition of it) with the given options, calling
	 * the method for each entry.
	 * @param events the engine
	 * @param options the options
	 * @return the running processor
	 */
	public StreamProcessor start(RedisEvents events, ProcessOptions<Object> options) {
		if (isBatch()) {
			BatchHandler<Object> batchHandler = createBatchHandler();
			if (this.mapper != null) {
				return events.partitionedStream(this.stream).processBatches(options, this.mapper, batchHandler);
			}
			return events.partitionedStream(this.stream).processBatches(options, batchHandler);
		}
		QueueHandler<Object> handler = createHandler();
		if (this.mapper != null) {
			return events.partitionedStream(this.stream).process(options, this.mapper, handler);
		}
		return events.partitionedStream(this.stream).process(options, handler);
	}

	/**
	 * Create the handler that calls the method. Returning normally acknowledges; an
	 * exception thrown by the method fails the attempt.
	 * @return the handler
	 */
	public QueueHandler<Object> createHandler() {
		Method invocable = invocableMethod();
		return (item) -> {
			Object[] arguments = switch (this.parameters) {
				case PAYLOAD -> new Object[] { item.data() };
				case ITEM -> new Object[] { item };
				case PAYLOAD_AND_ITEM -> new Object[] { item.data(), item };
				case BATCH -> new Object[] { List.of(item) };
			};
			invoke(invocable, arguments);
		};
	}

	/**
	 * Whether the method takes a {@code List<QueueItem<T>>}: a batch handler.
	 * @return whether this is a batch handler
	 * @since 0.1.0
	 */
	@Override
	public boolean isBatch() {
		return this.parameters == Parameters.BATCH;
	}

	/**
	 * Create the batch handler that calls a method taking {@code List<QueueItem<T>>}.
	 * @return the batch handler
	 * @throws IllegalStateException if the method is not a batch handler
	 * @since 0.1.0
	 */
	public BatchHandler<Object> createBatchHandler() {
		if (!isBatch()) {
			throw new IllegalStateException(describe() + " does not take a List<QueueItem<T>>");
		}
		Method invocable = invocableMethod();
		return (items) -> invoke(invocable, new Object[] { items });
	}

	private Method invocableMethod() {
		Method invocable = AopUtils.selectInvocableMethod(this.method, this.bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		return invocable;
	}

	private void invoke(Method invocable, Object[] arguments) throws Exception {
		try {
			invocable.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	/**
	 * A description naming the handler, the bean and the method, for messages.
	 * @return the description
	 */
	public String describe() {
		return "@RedisEventHandler '" + this.id + "' on bean '" + this.beanName + "' method "
				+ ClassUtils.getShortName(this.method.getDeclaringClass()) + "." + this.method.getName() + "()";
	}

	@Override
	public String toString() {
		return describe() + " [stream=" + this.stream + ", group=" + this.group + "]";
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be empty");
		}
		return value;
	}

	private enum Parameters {

		PAYLOAD, ITEM, PAYLOAD_AND_ITEM, BATCH

	}

}
