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

import java.util.Map;
import java.util.UUID;

import io.github.processredisevents.core.RedisEventTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts orders and publishes them to the {@code orders} stream.
 *
 * @since 0.1.0
 */
@RestController
public class OrderController {

	private final RedisEventTemplate template;

	private final Shipping shipping;

	OrderController(RedisEventTemplate template, Shipping shipping) {
		this.template = template;
		this.shipping = shipping;
	}

	/**
	 * Accept an order.
	 * @param request the order
	 * @return the order id and its stream entry id
	 */
	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.ACCEPTED)
	public Map<String, String> place(@RequestBody OrderRequest request) {
		String orderId = "o-" + UUID.randomUUID().toString().substring(0, 8);
		Order order = new Order(orderId, request.customer(), request.amount(), Boolean.TRUE.equals(request.flagged()));
		String entryId = this.template.send("orders", order);
		return Map.of("orderId", orderId, "entryId", entryId);
	}

	/**
	 * Mark a flagged order as reviewed, so that shipping accepts it once its dead letter
	 * is redriven.
	 * @param orderId the order id
	 * @return the order id
	 */
	@PostMapping("/orders/{orderId}/review")
	public Map<String, String> review(@PathVariable String orderId) {
		this.shipping.approve(orderId);
		return Map.of("reviewed", orderId);
	}

	/**
	 * What a client posts.
	 *
	 * @param customer who orders
	 * @param amount the amount
	 * @param flagged whether the order needs a manual review
	 */
	public record OrderRequest(String customer, double amount, @Nullable Boolean flagged) {
	}

}
