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

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.processredisevents.core.ProcessOption;
import io.github.processredisevents.core.ProcessOptions;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.RedisEvents;
import io.github.processredisevents.core.StreamProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.JedisException;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps the handlers of an application by id, starts them with the application context
 * and stops them gracefully with it, and lets them be paused, resumed, started and
 * stopped one by one. Processors are kept here, not as beans; a stopped handler is
 * started again with a new processor.
 *
 * @since 0.1.0
 */
public class RedisEventHandlerRegistry implements SmartLifecycle, RedisEventHandlerRegistrar {

	/**
	 * The lifecycle phase: late to start and early to stop, so that handlers stop before
	 * the web server and the clients they use.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

	private static final Log logger = LogFactory.getLog(RedisEventHandlerRegistry.class);

	private final RedisEvents events;

	private final ProcessOptionsFactory optionsFactory;

	private final Map<String, Registration> registrations = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	private int phase = DEFAULT_PHASE;

	private boolean failFast;

	private @Nullable String redisAddress;

	/**
	 * Create a registry.
	 * @param events the engine that handlers process streams with
	 * @param optionsFactory turns endpoints into options
	 */
	public RedisEventHandlerRegistry(RedisEvents events, ProcessOptionsFactory optionsFactory) {
		this.events = Objects.requireNonNull(events, "'events' must not be null");
		this.optionsFactory = Objects.requireNonNull(optionsFactory, "'optionsFactory' must not be null");
	}

	/**
	 * Register a handler, creating its options now so that invalid settings fail early.
	 * When the registry is running, a handler that starts automatically starts at once.
	 * @param endpoint the handler endpoint
	 * @throws IllegalStateException if the id is taken or a setting is invalid
	 */
	@Override
	public void register(RedisEventHandlerEndpoint endpoint) {
		ProcessOptions<Object> options = this.optionsFactory.createOptions(endpoint);
		Registration registration = new Registration(endpoint, options);
		synchronized (this.registrations) {
			Registration existing = this.registrations.get(endpoint.getId());
			if (existing != null) {
				String reason = "is taken: Duplicate handler id '" + endpoint.getId() + "', also used by "
						+ existing.endpoint.describe();
				if (endpoint instanceof MethodRedisEventHandlerEndpoint method) {
					throw new InvalidRedisEventHandlerException(endpoint.getId(), method.getBeanName(),
							method.getMethod(), "id", endpoint.getId(), reason,
							"Give one of the two handlers another 'id'.", null);
				}
				throw new IllegalStateException(
						endpoint.describe() + ": id " + reason + "; give one of the two handlers another id");
			}
			requireOwnConsumerId(endpoint, options);
			requireOrderable(endpoint, options);
			this.registrations.put(endpoint.getId(), registration);
		}
		if (this.running && endpoint.isAutoStartup()) {
			registration.start(this.events);
		}
	}

	/**
	 * Refuse a second handler of one stream and group under the same consumer id: the two
	 * would share one list of pending entries and take each other's entries over.
	 */
	private void requireOwnConsumerId(RedisEventHandlerEndpoint endpoint, ProcessOptions<Object> options) {
		String consumerId = options.consumerId();
		if (consumerId == null) {
			return;
		}
		for (Registration other : this.registrations.values()) {
			if (consumerId.equals(other.options.consumerId()) && endpoint.getStream().equals(other.endpoint.getStream())
					&& options.group().equals(other.options.group())) {
				String reason = "is also the consumer id of " + other.endpoint.describe() + " in group '"
						+ options.group() + "' of stream '" + endpoint.getStream()
						+ "'; two consumers of one name share one list of pending entries";
				String action = "Give each handler of the group a consumer id of its own, e.g."
						+ " redis-events.handlers.<id>.consumer-id=${HOSTNAME}-<id>.";
				if (endpoint instanceof MethodRedisEventHandlerEndpoint method) {
					throw new InvalidRedisEventHandlerException(endpoint.getId(), method.getBeanName(),
							method.getMethod(), "consumerId", consumerId, reason, action, null);
				}
				throw new IllegalStateException(
						endpoint.describe() + ": consumer id '" + consumerId + "' " + reason + ". " + action);
			}
		}
	}

	/**
	 * Refuse an ordered handler that cannot be ordered: a batch handler, whose calls mix
	 * the entries of many keys, or one whose stream has no partition key to read each
	 * entry's key from.
	 */
	private void requireOrderable(RedisEventHandlerEndpoint endpoint, ProcessOptions<Object> options) {
		if (!options.ordered()) {
			return;
		}
		boolean byAttribute = Boolean.TRUE.equals(endpoint.getOverrides().get(ProcessOption.ORDERED));
		String ordered = byAttribute ? "is true" : "ordered is true (from redis-events.handlers." + endpoint.getId()
				+ ".ordered, redis-events.defaults.ordered or a ProcessOptionsCustomizer)";
		String stream = endpoint.getStream();
		String reason;
		String action;
		if (endpoint.isBatch()) {
			boolean method = endpoint instanceof MethodRedisEventHandlerEndpoint;
			reason = ordered + ", but the handler " + (method ? "takes a List<QueueItem<T>>" : "is a BatchHandler")
					+ ": a batch holds the entries of many keys in one call, while an ordered handler is given each"
					+ " key's entries one at a time, each after the one before it has finished";
			action = (method ? "Handle one entry per call (take the payload, its QueueItem, or both)"
					: "Define it with handler(...) instead of batchHandler(...)") + ", or turn ordered off for this"
					+ " handler.";
		}
		else if (this.events.partitionKey(stream) == null) {
			String property = "redis-events.streams" + mapKey(stream) + ".partition-key";
			reason = ordered + ", but stream '" + stream + "' has no partition key: an ordered handler reads each"
					+ " entry's key from its payload";
			action = "Set " + property + " to the JSON Pointer of the key in the payload, e.g. " + property
					+ "=/customerId" + members(endpoint.getPayloadType())
					+ "; producers then add each entry to the partition of its key. Or turn ordered off for this"
					+ " handler.";
		}
		else {
			return;
		}
		if (endpoint instanceof MethodRedisEventHandlerEndpoint method) {
			throw new InvalidRedisEventHandlerException(endpoint.getId(), method.getBeanName(), method.getMethod(),
					byAttribute ? "ordered" : null, byAttribute ? "true" : null, reason, action, null);
		}
		throw new IllegalStateException(endpoint.describe() + ": " + reason + ". " + action);
	}

	/**
	 * A stream name as the key of {@code redis-events.streams}: in brackets unless it is
	 * lower case letters, digits and dashes.
	 */
	private static String mapKey(String stream) {
		return stream.matches("[a-z0-9-]+") ? "." + stream : "[" + stream + "]";
	}

	/**
	 * The pointers of a record payload's members, to choose the key from.
	 */
	private static String members(Type payloadType) {
		if (!(payloadType instanceof Class<?> type) || !type.isRecord() || type.getRecordComponents().length == 0) {
			return "";
		}
		List<String> pointers = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			pointers.add("/" + component.getName());
		}
		return " (" + type.getSimpleName() + " has " + String.join(", ", pointers) + ")";
	}

	/**
	 * The ids of all registered handlers, in registration order.
	 * @return the handler ids
	 */
	public Set<String> getHandlerIds() {
		synchronized (this.registrations) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.registrations.keySet()));
		}
	}

	/**
	 * The endpoints of all registered handlers, in registration order.
	 * @return the endpoints
	 */
	public List<RedisEventHandlerEndpoint> getEndpoints() {
		synchronized (this.registrations) {
			return this.registrations.values().stream().map((registration) -> registration.endpoint).toList();
		}
	}

	/**
	 * The endpoint of a handler.
	 * @param id the handler id
	 * @return the endpoint, or {@code null} if there is no such handler
	 */
	public @Nullable RedisEventHandlerEndpoint getEndpoint(String id) {
		Registration registration = this.registrations.get(id);
		return (registration != null) ? registration.endpoint : null;
	}

	/**
	 * The options a handler runs with.
	 * @param id the handler id
	 * @return the options, or {@code null} if there is no such handler
	 */
	public @Nullable ProcessOptions<?> getOptions(String id) {
		Registration registration = this.registrations.get(id);
		return (registration != null) ? registration.options : null;
	}

	/**
	 * The processor of a started handler.
	 * @param id the handler id
	 * @return the processor, or {@code null} if the handler is not started
	 */
	public @Nullable StreamProcessor getProcessor(String id) {
		Registration registration = this.registrations.get(id);
		return (registration != null) ? registration.processor : null;
	}

	/**
	 * Where a handler is in its lifecycle.
	 * @param id the handler id
	 * @return the state, {@link ProcessorState#STOPPED} when not started
	 */
	public ProcessorState getState(String id) {
		StreamProcessor processor = required(id).processor;
		return (processor != null) ? processor.state() : ProcessorState.STOPPED;
	}

	/**
	 * Start a handler that is not running.
	 * @param id the handler id
	 */
	public void start(String id) {
		required(id).start(this.events);
	}

	/**
	 * Stop a handler gracefully; it can be started again.
	 * @param id the handler id
	 */
	public void stop(String id) {
		required(id).stop();
	}

	/**
	 * Pause a running handler: it stops fetching, running entries finish.
	 * @param id the handler id
	 * @throws IllegalStateException if the handler is not started
	 */
	public void pause(String id) {
		requireProcessor(id).pause();
	}

	/**
	 * Resume a paused handler.
	 * @param id the handler id
	 * @throws IllegalStateException if the handler is not started
	 */
	public void resume(String id) {
		requireProcessor(id).resume();
	}

	/**
	 * Set whether {@link #start()} fails when Redis does not answer a {@code PING}
	 * (otherwise handlers start and connect once Redis answers).
	 * @param failFast whether to fail at startup without Redis
	 */
	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	/**
	 * Set how errors name the Redis that handlers use, such as {@code localhost:6379}.
	 * @param redisAddress the address, or {@code null} when not known
	 */
	public void setRedisAddress(@Nullable String redisAddress) {
		this.redisAddress = redisAddress;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			if (this.failFast) {
				requireRedis();
			}
			for (Registration registration : registrations()) {
				if (registration.endpoint.isAutoStartup()) {
					registration.start(this.events);
				}
			}
			this.running = true;
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			this.running = false;
			List<CompletableFuture<Void>> stops = new ArrayList<>();
			for (Registration registration : registrations()) {
				stops.add(CompletableFuture.runAsync(registration::stop, (task) -> {
					Thread thread = new Thread(task, "redis-events-stop-" + registration.endpoint.getId());
					thread.start();
				}));
			}
			CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
		}
	}

	private void requireRedis() {
		try {
			this.events.ping();
		}
		catch (JedisException ex) {
			throw new RedisUnreachableException(this.redisAddress, List.copyOf(getHandlerIds()), ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Set the lifecycle phase.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	private List<Registration> registrations() {
		synchronized (this.registrations) {
			return new ArrayList<>(this.registrations.values());
		}
	}

	private Registration required(String id) {
		Registration registration = this.registrations.get(id);
		if (registration == null) {
			throw new IllegalArgumentException("No handler with id '" + id + "'");
		}
		return registration;
	}

	private StreamProcessor requireProcessor(String id) {
		StreamProcessor processor = required(id).processor;
		if (processor == null || processor.state() == ProcessorState.STOPPED) {
			throw new IllegalStateException("Handler '" + id + "' is not started");
		}
		return processor;
	}

	/**
	 * One handler: its endpoint, its options and its processor while started.
	 */
	private static final class Registration {

		private final RedisEventHandlerEndpoint endpoint;

		private final ProcessOptions<Object> options;

		private volatile @Nullable StreamProcessor processor;

		Registration(RedisEventHandlerEndpoint endpoint, ProcessOptions<Object> options) {
			this.endpoint = endpoint;
			this.options = options;
		}

		synchronized void start(RedisEvents events) {
			StreamProcessor current = this.processor;
			if (current != null && current.state() != ProcessorState.STOPPED) {
				return;
			}
			try {
				this.processor = this.endpoint.start(events, this.options);
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				// such as keys that would cross slots on a Redis Cluster
				throw new IllegalStateException(
						"Handler '" + this.endpoint.getId() + "' cannot start: " + ex.getMessage(), ex);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Started " + this.endpoint + " with " + this.options);
			}
		}

		synchronized void stop() {
			StreamProcessor current = this.processor;
			if (current != null) {
				current.stop();
			}
		}

	}

}
