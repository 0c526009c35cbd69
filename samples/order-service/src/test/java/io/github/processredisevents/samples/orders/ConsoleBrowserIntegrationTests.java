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

import java.net.http.HttpResponse;

import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.RedisEvents;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations console of the running sample, driven in headless Chromium against a
 * real Redis (the sample's development Redis): the overview, a flagged order's dead
 * letter under its cause, redrive and delete from the page, and pausing a handler.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.port=1", "shipping.max-attempts=2", "redis-events.console.enabled=true" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIntegrationTests extends ConsoleBrowserTestSupport {

	private static String flaggedOrderId = "";

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private Shipping shipping;

	@Autowired
	private Billing billing;

	@Autowired
	private RedisEvents events;

	@Autowired
	private RedisEventHandlerRegistry registry;

	@Override
	int port() {
		return this.port;
	}

	@Test
	@Order(1)
	void overviewListsTheSamplesStreamGroupsAndHandlers() throws Exception {
		String orderId = placeOrder(false).get("orderId").asString();
		await().atMost(WAIT).until(() -> this.billing.charged(orderId) && this.shipping.shipped(orderId));
		open("");
		WebElement stream = waitFor("section.stream[data-stream='orders']");
		assertThat(stream.findElement(By.cssSelector("h2")).getText()).contains("orders");
		waitFor("section.stream[data-stream='orders'] tr[data-group='billing']");
		waitFor("section.stream[data-stream='orders'] tr[data-group='shipping']");
		for (String handler : new String[] { "billing", "shipping" }) {
			WebElement state = waitFor("tr[data-handler='" + handler + "'] [data-state]");
			assertThat(state.getText()).contains("RUNNING");
		}
		assertThat(browser().findElements(By.cssSelector("button[data-action='pause']"))).hasSize(2);
	}

	@Test
	@Order(2)
	void aFlaggedOrderShowsAsADeadLetterUnderItsErrorGroup() throws Exception {
		JsonNode placed = placeOrder(true);
		String entryId = placed.get("entryId").asString();
		await().atMost(WAIT).until(() -> this.events.stream("orders").deadLetterStream().length() == 1);
		open("#/streams/orders");
		WebElement letter = waitFor("section.dlq-group[data-error-type='java.lang.IllegalStateException'] "
				+ "tr[data-original-id='" + entryId + "']");
		WebElement group = letter.findElement(By.xpath("ancestor::section[contains(@class,'dlq-group')]"));
		assertThat(group.findElement(By.cssSelector(".fingerprint")).getText())
			.isEqualTo("Order # is flagged for manual review");
		assertThat(letter.getText()).contains("is flagged for manual review");
		WebElement details = waitFor("tr[data-details-of='" + letter.getDomAttribute("data-letter") + "']");
		details.findElement(By.tagName("summary")).click();
		assertThat(details.findElement(By.cssSelector("pre.metadata")).getText()).contains("\"originalId\"")
			.contains(entryId)
			.contains("\"consumerGroup\": \"shipping\"");
		assertThat(details.getText()).contains("Payload hidden");
		WebElement search = waitFor("#dlq-search");
		search.sendKeys("1-0-does-not-exist");
		waitForText("#dlq-groups", "No dead letter matches");
		search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, entryId);
		waitFor("tr[data-original-id='" + entryId + "']");
		search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		flaggedOrderId = placed.get("orderId").asString();
		screenshots();
	}

	@Test
	@Order(3)
	void redriveFromThePageBringsTheDeadLettersToZeroAndTheOrderIsShipped() throws Exception {
		String orderId = placeOrder(true).get("orderId").asString();
		await().atMost(WAIT).until(() -> this.events.stream("orders").deadLetterStream().length() == 2);
		assertThat(post("/orders/" + orderId + "/review", "").statusCode()).isEqualTo(200);
		assertThat(post("/orders/" + flaggedOrderId + "/review", "").statusCode()).isEqualTo(200);
		open("#/streams/orders");
		waitFor("tr[data-letter] input[type=checkbox]");
		for (WebElement box : browser().findElements(By.cssSelector("tr[data-letter] input[type=checkbox]"))) {
			box.click();
		}
		WebElement redrive = waitFor("button[data-action='redrive-selected']");
		assertThat(redrive.getText()).isEqualTo("Redrive selected (2)");
		redrive.click();
		confirm();
		waitForText("#notice", "Redrove 2 dead letters into orders");
		await().atMost(WAIT).until(() -> this.shipping.shipped(orderId));
		waitFor("#dead-letters h2 [data-dead-letters]");
		await().atMost(WAIT)
			.ignoreExceptions()
			.until(() -> browser().findElement(By.cssSelector("#dead-letters h2 [data-dead-letters]"))
				.getDomAttribute("data-dead-letters"), "0"::equals);
	}

	@Test
	@Order(4)
	void deleteFromThePageRemovesADeadLetterForGood() throws Exception {
		String orderId = placeOrder(true).get("orderId").asString();
		await().atMost(WAIT).until(() -> this.events.stream("orders").deadLetterStream().length() == 1);
		open("#/streams/orders");
		String id = waitFor("tr[data-letter]").getDomAttribute("data-letter");
		waitFor("button[data-action='delete-one'][data-letter='" + id + "']").click();
		waitForText("#confirm-title", "Delete dead letter " + id);
		confirm();
		waitForText("#notice", "Deleted 1 dead letter of orders");
		await().atMost(WAIT).until(() -> this.events.stream("orders").deadLetterStream().length() == 0);
		waitForText("#dead-letters", "No dead letters.");
		assertThat(this.shipping.shipped(orderId)).isFalse();
	}

	@Test
	@Order(5)
	void pauseFromThePageTurnsTheHandlerToPaused() {
		open("");
		waitFor("tr[data-handler='billing'] button[data-action='pause']").click();
		waitForText("#confirm-title", "Pause handler billing?");
		confirm();
		waitForText("#notice", "Handler billing: pause done, state is now PAUSED");
		waitFor("tr[data-handler='billing'] [data-state='PAUSED']");
		assertThat(this.registry.getState("billing")).isEqualTo(ProcessorState.PAUSED);
		waitFor("tr[data-handler='billing'] button[data-action='resume']").click();
		confirm();
		waitFor("tr[data-handler='billing'] [data-state='RUNNING']");
		assertThat(this.registry.getState("billing")).isEqualTo(ProcessorState.RUNNING);
	}

	private void screenshots() throws Exception {
		screenshot("console-stream.png");
		chromium().viewport(390, 844, true);
		screenshot("console-stream-phone.png");
		open("");
		waitFor("tr[data-handler='shipping'] [data-state]");
		screenshot("console-overview-phone.png");
		chromium().viewport(1280, 800, false);
		open("");
		// the throughput and wait-time sparklines, from the sample's own meters
		waitFor("tr[data-handler='billing'] td.wait .spark svg");
		waitFor("tr[data-handler='shipping'] .spark svg");
		screenshot("console-overview.png");
	}

	private JsonNode placeOrder(boolean flagged) throws Exception {
		HttpResponse<String> response = post("/orders", "{\"customer\":\"" + (flagged ? "mallory" : "alice")
				+ "\",\"amount\":42.5,\"flagged\":" + flagged + "}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return this.json.readTree(response.body());
	}

}
