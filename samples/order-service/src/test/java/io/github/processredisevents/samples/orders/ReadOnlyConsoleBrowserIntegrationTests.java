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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's console with {@code redis-events.console.read-only=true}: the page shows
 * everything and offers no action, and a forged action is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.data.redis.port=1",
		"redis-events.console.enabled=true", "redis-events.console.read-only=true" })
class ReadOnlyConsoleBrowserIntegrationTests extends ConsoleBrowserTestSupport {

	@LocalServerPort
	private int port;

	@Autowired
	private RedisEventHandlerRegistry registry;

	@Override
	int port() {
		return this.port;
	}

	@Test
	void showsNoActionButtonsAndRefusesAForgedPost() throws Exception {
		open("");
		waitFor("tr[data-handler='billing'] [data-state='RUNNING']");
		assertThat(browser().findElement(By.id("mode")).getText()).isEqualTo("read-only");
		assertThat(browser().findElements(By.cssSelector("button[data-action]"))).isEmpty();
		open("#/streams/orders");
		waitFor("#dead-letters");
		assertThat(browser().findElements(By.cssSelector("button[data-action]"))).isEmpty();
		HttpResponse<String> forged = post("/redis-events/api/handlers/billing", "{\"action\":\"pause\"}");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("read-only (redis-events.console.read-only=true)");
		HttpResponse<String> redrive = post("/redis-events/api/streams/orders", "{\"action\":\"delete\",\"all\":true}");
		assertThat(redrive.statusCode()).isEqualTo(403);
		assertThat(this.registry.getState("billing")).isEqualTo(ProcessorState.RUNNING);
	}

}
