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
import io.github.processredisevents.core.QueueItem;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Charges orders, reporting progress on the way (visible in the {@code events:orders}
 * stream). Idempotent: an order delivered again (at-least-once delivery, or a redriven
 * dead letter, which every group sees again) is charged once. A real service would keep
 * this record in its database. Orders of the customer {@code flaky} meet a payment
 * gateway that times out twice before it answers: two failed attempts, then success (one
 * trace shows all three).
 *
 * @since 0.1.0
 */
@Component
public class Billing {

	private static final Log logger = LogFactory.getLog(Billing.class);

	private final Set<String> charged = ConcurrentHashMap.newKeySet();

	@RedisEventHandler(stream = "orders", group = "billing", id = "billing", concurrency = "4", lease = "10s",
			maxAttempts = "5", produceEvents = "true")
	void on(QueueItem<Order> item) {
		Order order = item.data();
		if (this.charged.contains(order.orderId())) {
			// at-least-once delivery (and redriven dead letters): charge only once
			logger.info("Order " + order.orderId() + " was charged already; skipping");
			return;
		}
		if ("flaky".equals(order.customer()) && item.attempts() < 2) {
			throw new IllegalStateException("Payment gateway timed out");
		}
		item.reportProgress(0.5, "charging " + order.customer());
		this.charged.add(order.orderId());
		item.reportProgress(1.0, "charged");
		logger.info("Charged " + order.amount() + " for order " + order.orderId());
	}

	/**
	 * Whether an order was charged.
	 * @param orderId the order id
	 * @return whether it was charged
	 */
	public boolean charged(String orderId) {
		return this.charged.contains(orderId);
	}

}
