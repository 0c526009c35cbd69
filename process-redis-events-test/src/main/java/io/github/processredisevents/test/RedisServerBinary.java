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

package io.github.processredisevents.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} executable: the one on the PATH, else the one bundled in the
 * {@code org.signal:embedded-redis} jar (Redis {@value #BUNDLED_VERSION}, statically
 * linked, for Linux and macOS on amd64 and arm64, and Linux on x86), copied to a
 * directory under {@code java.io.tmpdir} on first use.
 *
 * @param path the executable
 * @param bundled whether it is the bundled one rather than one found on the PATH
 * @since 0.1.0
 */
public record RedisServerBinary(Path path, boolean bundled) {

	/**
	 * The Redis version of the bundled binaries.
	 */
	public static final String BUNDLED_VERSION = "7.0.15";

	private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)");

	private static final Map<String, String> ARCHITECTURES = Map.of("amd64", "amd64", "x86_64", "amd64", "aarch64",
			"arm64", "arm64", "arm64", "x86", "386", "i386", "386", "i686", "386");

	/**
	 * The {@code redis-server} on the PATH, else the bundled one.
	 * @return the executable
	 * @throws IllegalStateException naming what is missing when there is neither
	 */
	public static RedisServerBinary find() {
		RedisServerBinary binary = findOnPath();
		if (binary != null) {
			return binary;
		}
		binary = findBundled();
		if (binary != null) {
			return binary;
		}
		throw new IllegalStateException("redis-server is not on the PATH and no bundled Redis " + BUNDLED_VERSION
				+ " runs on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
				+ " (bundled for Linux and macOS on amd64 and arm64). Install Redis 7 (Debian/Ubuntu: sudo apt-get"
				+ " install redis-server, macOS: brew install redis) so that redis-server is on the PATH.");
	}

	/**
	 * The {@code redis-server} on the PATH.
	 * @return the executable, or {@code null} when the PATH has none
	 */
	public static @Nullable RedisServerBinary findOnPath() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return new RedisServerBinary(candidate, false);
			}
		}
		return null;
	}

	/**
	 * The bundled {@code redis-server} for this operating system and architecture.
	 * @return the executable, or {@code null} when none is bundled for this platform or
	 * the bundle is not on the class path
	 */
	public static @Nullable RedisServerBinary findBundled() {
		String resource = bundledResource(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
		if (resource == null || RedisServerBinary.class.getClassLoader().getResource(resource) == null) {
			return null;
		}
		Path directory = Path.of(System.getProperty("java.io.tmpdir"),
				"process-redis-events-" + System.getProperty("user.name", "user"));
		Path target = directory.resolve(resource);
		try {
			if (!Files.isExecutable(target)) {
				Files.createDirectories(directory);
				Path partial = Files.createTempFile(directory, resource, ".partial");
				try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resource)) {
					Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
				}
				partial.toFile().setExecutable(true, true);
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			return new RedisServerBinary(target, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy the bundled redis-server to " + target, ex);
		}
	}

	static @Nullable String bundledResource(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String system = os.startsWith("linux") ? "linux" : (os.startsWith("mac") ? "darwin" : null);
		String architecture = ARCHITECTURES.get(osArch.toLowerCase(Locale.ROOT));
		if (system == null || architecture == null || (system.equals("darwin") && architecture.equals("386"))) {
			return null;
		}
		return "redis-server-" + BUNDLED_VERSION + "-" + system + "-" + architecture;
	}

	/**
	 * The Redis version of this executable, from {@code redis-server --version}.
	 * @return the version, such as {@code 7.0.15}
	 */
	public String version() {
		try {
			Process process = new ProcessBuilder(this.path.toString(), "--version").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
			Matcher matcher = VERSION.matcher(output);
			if (!matcher.find()) {
				throw new IllegalStateException("Unexpected output of " + this.path + " --version: " + output.strip());
			}
			return matcher.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + this.path + " --version", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking " + this.path + " for its version", ex);
		}
	}

	@Override
	public String toString() {
		return this.path + (this.bundled ? " (bundled Redis " + BUNDLED_VERSION + ")" : "");
	}

}
