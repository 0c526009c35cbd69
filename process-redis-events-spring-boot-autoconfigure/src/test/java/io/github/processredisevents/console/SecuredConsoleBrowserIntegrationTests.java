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
package io.github.processredisevents.console;

import java.time.Duration;
import java.util.Map;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.config.RedisEventHandlerRegistry;
import io.github.processredisevents.core.ProcessorState;
import io.github.processredisevents.core.testsupport.RedisServer;
import io.github.processredisevents.testsupport.Chromium;
import io.github.processredisevents.testsupport.SharedRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console inside an application with Spring Security (form login, CSRF on), in
 * headless Chromium against a real Redis: a signed-in user without the operator role
 * views but is refused every action, an operator acts with the CSRF token, a refused
 * action and Redis going away are shown on the page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredConsoleBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String STREAM = SharedRedis.uniqueName("secured");

	private static final String LEDGER = SharedRedis.uniqueName("ledger");

	private static @Nullable RedisServer redis;

	private static @Nullable ConfigurableApplicationContext application;

	private static @Nullable Chromium chromium;

	@BeforeAll
	static void start() {
		assumeTrue(Chromium.isInstalled(), Chromium.MISSING);
		assumeTrue(RedisServer.isInstalled(), "redis-server is not installed");
		redis = RedisServer.start();
		application = new SpringApplicationBuilder(TestApplication.class).properties(Map.of("server.port", "0",
				"server.address", "127.0.0.1", "spring.data.redis.host", redis.host(), "spring.data.redis.port",
				String.valueOf(redis.port()), "test.stream", STREAM, "redis-events.console.enabled", "true",
				"test.ledger", LEDGER, "redis-events.streams." + LEDGER + ".partitions", "2",
				"redis-events.streams." + LEDGER + ".partition-key", "/account"))
			.run();
		chromium = Chromium.start();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		if (application != null) {
			application.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	@Order(1)
	void showsThatAHandlerIsOrderedByItsPartitionKeyAndHowManyPartitionsItOwns() {
		signIn("viewer");
		waitFor("section.stream[data-stream='" + LEDGER + "'] tr[data-handler='ledger'] [data-state='RUNNING']");
		waitFor("tr[data-handler='ledger'] [data-owned='2'][data-partitions='2']");
		WebElement ordered = waitFor("tr[data-handler='ledger'] .ordered");
		assertThat(ordered.getText()).isEqualTo("ordered by /account · owns 2 of 2 partitions");
		assertThat(browser().findElements(By.cssSelector("tr[data-handler='work'] .ordered"))).isEmpty();
	}

	@Test
	@Order(2)
	void aUserWithoutTheOperatorRoleViewsButIsRefusedEveryAction() {
		signIn("viewer");
		waitFor("tr[data-handler='work'] [data-state='RUNNING']");
		assertThat(browser().findElement(By.id("mode")).getText()).isEqualTo("view only");
		assertThat(browser().findElements(By.cssSelector("button[data-action]"))).isEmpty();
		// a forged action from the signed-in session, with the page's CSRF token
		Object answer = browser().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const headers = { 'Content-Type': 'application/json' };
				headers[document.body.dataset.csrfHeader] = document.body.dataset.csrfToken;
				fetch(document.body.dataset.base + '/api/handlers/work',
						{ method: 'POST', headers, body: JSON.stringify({ action: 'pause' }) })
					.then((response) => response.text().then((text) => done(response.status + ' ' + text)));
				""");
		assertThat(String.valueOf(answer)).startsWith("403 ")
			.contains("acting needs role REDIS_EVENTS_OPERATOR (redis-events.console.operator-role)")
			.contains("'viewer'");
		assertThat(registry().getState("work")).isEqualTo(ProcessorState.RUNNING);
	}

	@Test
	@Order(3)
	void anOperatorActsWithTheCsrfTokenAndSeesARefusedActionOnThePage() {
		signIn("operator");
		waitFor("tr[data-handler='work'] button[data-action='pause']").click();
		waitFor("#confirm[open] #confirm-ok").click();
		waitFor("tr[data-handler='work'] [data-state='PAUSED']");
		assertThat(registry().getState("work")).isEqualTo(ProcessorState.PAUSED);
		// the page is stale: the handler stops while the confirmation is open
		waitFor("tr[data-handler='work'] button[data-action='resume']").click();
		waitFor("#confirm[open]");
		registry().stop("work");
		waitFor("#confirm[open] #confirm-ok").click();
		waitForText("#notice", "✗ ");
		assertThat(browser().findElement(By.id("notice")).getText()).contains("not started");
		waitFor("tr[data-handler='work'] button[data-action='start']").click();
		waitFor("#confirm[open] #confirm-ok").click();
		waitFor("tr[data-handler='work'] [data-state='RUNNING']");
	}

	@Test
	@Order(4)
	void showsRedisBeingAwayOnThePage() {
		signIn("viewer");
		waitFor("tr[data-handler='work'] [data-state]");
		redis.kill();
		waitForText("#banner", "Redis cannot be reached");
		browser().get(consoleUrl() + "#/streams/" + STREAM);
		waitForText("#banner", "Redis cannot be reached");
	}

	private void signIn(String user) {
		ChromeDriver browser = browser();
		browser.manage().deleteAllCookies();
		browser.get(consoleUrl());
		waitFor("input[name='username']").sendKeys(user);
		browser.findElement(By.cssSelector("input[name='password']")).sendKeys(user);
		browser.findElement(By.cssSelector("button[type='submit']")).click();
		waitFor("section.stream[data-stream='" + STREAM + "']");
	}

	private static String consoleUrl() {
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		return "http://127.0.0.1:" + port + "/redis-events/";
	}

	private static RedisEventHandlerRegistry registry() {
		return application.getBean(RedisEventHandlerRegistry.class);
	}

	private static ChromeDriver browser() {
		return chromium.driver();
	}

	private static WebElement waitFor(String css) {
		return await().atMost(WAIT)
			.ignoreExceptions()
			.alias(css)
			.until(() -> browser().findElements(By.cssSelector(css)).stream().findFirst().orElse(null),
					(element) -> element != null);
	}

	private static void waitForText(String css, String text) {
		await().atMost(WAIT)
			.ignoreExceptions()
			.alias(css + " shows '" + text + "'")
			.until(() -> browser().findElement(By.cssSelector(css)).getText(), (shown) -> shown.contains(text));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSecurity
	static class TestApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("viewer").password("{noop}viewer").roles("SUPPORT").build(),
					User.withUsername("operator").password("{noop}operator").roles("REDIS_EVENTS_OPERATOR").build());
		}

		@Bean
		Work work() {
			return new Work();
		}

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

	}

	static class Ledger {

		@RedisEventHandler(id = "ledger", stream = "${test.ledger}", group = "ledger", ordered = "true")
		void post(Map<String, Object> posting) {
		}

	}

	static class Work {

		@RedisEventHandler(id = "work", stream = "${test.stream}", group = "workers")
		void handle(String payload) {
		}

	}

}
