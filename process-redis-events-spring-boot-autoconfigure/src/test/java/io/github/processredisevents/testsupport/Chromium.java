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
package io.github.processredisevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium from the operating system's packages ({@code chromium} and
 * {@code chromium-driver} on Debian), driven through Selenium. Nothing is downloaded: the
 * driver and browser paths are given, so Selenium Manager is never asked.
 */
public final class Chromium implements AutoCloseable {

	/**
	 * Why browser tests are skipped when Chromium is missing.
	 */
	public static final String MISSING = "Chromium is not installed (" + browserPath() + ", " + driverPath()
			+ "): the console's browser tests are skipped. Install it with 'apt-get install chromium chromium-driver'"
			+ " (.ci/run does), or set CHROMIUM_BINARY and CHROMEDRIVER_BINARY.";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Path profile;

	private final ChromeDriver driver;

	private Chromium(Path profile, ChromeDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}

	/**
	 * Whether the browser and its driver are installed.
	 * @return whether browser tests can run
	 */
	public static boolean isInstalled() {
		return Files.isExecutable(browserPath()) && Files.isExecutable(driverPath());
	}

	/**
	 * Start a headless browser with a fresh profile and a 1280x800 window.
	 * @return the browser
	 */
	public static Chromium start() {
		try {
			Path profile = Files.createTempDirectory("console-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(browserPath().toFile());
			// without the background-networking flags Chromium's own connections are
			// refused on a closed network and slow everything down
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverPath().toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(TIMEOUT).scriptTimeout(TIMEOUT);
			Chromium chromium = new Chromium(profile, driver);
			chromium.viewport(1280, 800, false);
			return chromium;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The Selenium driver.
	 * @return the driver
	 */
	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Size the page's viewport, as a desktop window or as a phone.
	 * @param width the width in CSS pixels
	 * @param height the height in CSS pixels
	 * @param mobile whether to emulate a phone
	 */
	public void viewport(int width, int height, boolean mobile) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	/**
	 * Save a screenshot of the viewport as PNG.
	 * @param file where to save it
	 */
	public void screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

	private static Path browserPath() {
		return Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
	}

	private static Path driverPath() {
		return Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));
	}

}
