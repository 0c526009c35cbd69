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

import java.util.UUID;

import io.github.processredisevents.core.RedisEventTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.JedisConnectionException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

	private static final Log logger = LogFactory.getLog(OrderController.class);

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
	public OrderAccepted place(@RequestBody OrderRequest request) {
		String orderId = "o-" + UUID.randomUUID().toString().substring(0, 8);
		Order order = new Order(orderId, request.customer(), request.amount(), Boolean.TRUE.equals(request.flagged()));
		String entryId = this.template.send("orders", order);
		return new OrderAccepted(orderId, entryId);
	}

	/**
	 * Mark a flagged order as reviewed, so that shipping accepts it once its dead letter
	 * is redriven.
	 * @param orderId the order id
	 * @return the order id
	 */
	@PostMapping("/orders/{orderId}/review")
	public OrderReviewed review(@PathVariable String orderId) {
		this.shipping.approve(orderId);
		return new OrderReviewed(orderId);
	}

	/**
	 * Answer 503 with a one-line reason when Redis cannot be reached, instead of a 500
	 * and a stack trace: the order was not taken, and the client may try again.
	 * @param ex the connection failure
	 * @return the problem
	 */
	@ExceptionHandler(JedisConnectionException.class)
	public ResponseEntity<ProblemDetail> redisUnreachable(JedisConnectionException ex) {
		logger.warn("Order not accepted, Redis is unreachable: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Redis is unreachable (" + ex.getMessage() + "); the order was not accepted, try again later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
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

	/**
	 * What a client gets for an accepted order.
	 *
	 * @param orderId the order id
	 * @param entryId the id of its entry in the {@code orders} stream
	 */
	public record OrderAccepted(String orderId, String entryId) {
	}

	/**
	 * What a client gets for a reviewed order.
	 *
	 * @param reviewed the order id
	 */
	public record OrderReviewed(String reviewed) {
	}

}
