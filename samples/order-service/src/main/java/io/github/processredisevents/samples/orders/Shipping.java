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

package io.github.processredisevents.samples.orders;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.processredisevents.annotation.RedisEventHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Ships orders. A flagged order fails until someone reviews it, so after
 * {@code maxAttempts} it lands in the dead-letter stream, from where it can be redriven.
 *
 * @since 0.1.0
 */
@Component
public class Shipping {

	private static final Log logger = LogFactory.getLog(Shipping.class);

	private final Set<String> approved = ConcurrentHashMap.newKeySet();

	private final Set<String> shipped = ConcurrentHashMap.newKeySet();

	@RedisEventHandler(stream = "orders", group = "shipping", id = "shipping",
			maxAttempts = "${shipping.max-attempts:3}")
	void ship(Order order) {
		if (order.flagged() && !this.approved.contains(order.orderId())) {
			throw new IllegalStateException("Order " + order.orderId() + " is flagged for manual review");
		}
		this.shipped.add(order.orderId());
		logger.info("Shipped order " + order.orderId() + " to " + order.customer());
	}

	/**
	 * Approve a flagged order.
	 * @param orderId the order id
	 */
	public void approve(String orderId) {
		this.approved.add(orderId);
	}

	/**
	 * Whether an order was shipped.
	 * @param orderId the order id
	 * @return whether it was shipped
	 */
	public boolean shipped(String orderId) {
		return this.shipped.contains(orderId);
	}

}
