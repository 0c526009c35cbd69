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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.processredisevents.testsupport.Chromium;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the console's browser tests share: one headless Chromium per test class (the class
 * is skipped when Chromium is not installed), waiting for page elements, and HTTP calls
 * that bypass the page.
 */
abstract class ConsoleBrowserTestSupport {

	static final Duration WAIT = Duration.ofSeconds(60);

	private static @Nullable Chromium chromium;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startChromium() {
		assumeTrue(Chromium.isInstalled(), Chromium.MISSING);
		chromium = Chromium.start();
	}

	@AfterAll
	static void stopChromium() {
		if (chromium != null) {
			chromium.close();
			chromium = null;
		}
	}

	abstract int port();

	static Chromium chromium() {
		assertThat(chromium).isNotNull();
		return chromium;
	}

	static ChromeDriver browser() {
		return chromium().driver();
	}

	/**
	 * Open a view of the console and wait until its data is shown.
	 */
	void open(String hash) {
		browser().get("about:blank");
		browser().get(url("/redis-events/" + hash));
		await().atMost(WAIT)
			.until(() -> "true".equals(browser().findElement(By.tagName("body")).getDomAttribute("data-loaded")));
	}

	WebElement waitFor(String css) {
		return waitFor(() -> browser().findElements(By.cssSelector(css)), css);
	}

	WebElement waitFor(Supplier<List<WebElement>> find, String what) {
		return await().atMost(WAIT)
			.ignoreExceptions()
			.alias(what)
			.until(() -> find.get().stream().findFirst().orElse(null), (element) -> element != null);
	}

	void waitForText(String css, String text) {
		await().atMost(WAIT)
			.ignoreExceptions()
			.alias(css + " shows '" + text + "'")
			.until(() -> browser().findElement(By.cssSelector(css)).getText(), (shown) -> shown.contains(text));
	}

	/**
	 * Confirm the dialog an action opens.
	 */
	void confirm() {
		waitFor("#confirm[open] #confirm-ok").click();
	}

	/**
	 * Save a screenshot under target/, and also in the directory named by the
	 * {@code console.screenshots} system property when set (the docs use them).
	 */
	void screenshot(String name) throws Exception {
		chromium().screenshot(Path.of("target/console-screenshots", name));
		String docs = System.getProperty("console.screenshots");
		if (docs != null && !docs.isBlank()) {
			Files.createDirectories(Path.of(docs));
			Files.copy(Path.of("target/console-screenshots", name), Path.of(docs, name),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}

	HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

}
