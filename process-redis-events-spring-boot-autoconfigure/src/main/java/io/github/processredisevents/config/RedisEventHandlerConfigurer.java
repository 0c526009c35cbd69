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

/**
 * A bean that registers handlers in code, once every singleton is created: from a lambda,
 * or one handler per tenant stream known only at runtime. The shape of Spring Kafka's
 * {@code KafkaListenerConfigurer}.
 *
 * <pre class="code">
 * &#64;Bean
 * RedisEventHandlerConfigurer tenantHandlers(Tenants tenants, Billing billing) {
 *     return (registrar) -&gt; tenants.names().forEach((tenant) -&gt; registrar.register(
 *             SimpleRedisEventHandlerEndpoint.builder(Order.class)
 *                 .id("billing-" + tenant).stream("orders-" + tenant).group("billing")
 *                 .handler((item) -&gt; billing.charge(tenant, item.data()))
 *                 .build()));
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RedisEventHandlerConfigurer {

	/**
	 * Register handlers.
	 * @param registrar takes the handlers
	 */
	void configure(RedisEventHandlerRegistrar registrar);

}
