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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.JedisException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the operations console: the page, its script and style sheet (all from the jar),
 * and the JSON the page reads and posts. Actions take JSON only, so a plain cross-site
 * form cannot post them; with Spring Security they also carry the CSRF token.
 *
 * @since 0.1.0
 */
@Controller
@RequestMapping("${redis-events.console.path:/redis-events}")
public class RedisEventsConsoleController {

	private static final String ASSETS = "io/github/processredisevents/console/";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

	private final ConsoleFacts facts;

	private final ConsoleAccess access;

	private final String path;

	private final boolean readOnly;

	private final String template;

	/**
	 * Create the controller.
	 * @param facts what the console shows and does
	 * @param access who may view and act
	 * @param path the path the console is served at
	 * @param readOnly whether every action is hidden and refused
	 */
	public RedisEventsConsoleController(ConsoleFacts facts, ConsoleAccess access, String path, boolean readOnly) {
		this.facts = facts;
		this.access = access;
		this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		this.readOnly = readOnly;
		this.template = read(ASSETS + "console.html");
	}

	/**
	 * The page.
	 * @param request the request
	 * @return the HTML
	 */
	@GetMapping(path = { "", "/" }, produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> page(HttpServletRequest request) {
		this.access.checkView(request);
		boolean canAct = !this.readOnly && this.access.canAct(request);
		ConsoleAccess.CsrfHeader csrf = this.access.csrf(request);
		String html = this.template.replace("{{base}}", attribute(request.getContextPath() + this.path))
			.replace("{{readOnly}}", String.valueOf(this.readOnly))
			.replace("{{canAct}}", String.valueOf(canAct))
			.replace("{{csrfHeader}}", attribute((csrf != null) ? csrf.headerName() : ""))
			.replace("{{csrfToken}}", attribute((csrf != null) ? csrf.token() : ""));
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.body(html);
	}

	/**
	 * The page's script or style sheet.
	 * @param name {@code console.js} or {@code console.css}
	 * @param request the request
	 * @return the asset
	 */
	@GetMapping("/assets/{name:console\\.(?:js|css)}")
	public ResponseEntity<Resource> asset(@PathVariable String name, HttpServletRequest request) {
		this.access.checkView(request);
		MediaType type = name.endsWith(".js") ? MediaType.valueOf("text/javascript;charset=UTF-8")
				: MediaType.valueOf("text/css;charset=UTF-8");
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			.header("X-Content-Type-Options", "nosniff")
			.body(new ClassPathResource(ASSETS + name));
	}

	/**
	 * Streams, groups, handlers and recent meters.
	 * @param request the request
	 * @return the overview
	 */
	@GetMapping(path = "/api/overview", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	public ConsoleFacts.Overview overview(HttpServletRequest request) {
		this.access.checkView(request);
		return this.facts.overview();
	}

	/**
	 * One stream's pending entries and dead letters.
	 * @param name the stream name
	 * @param request the request
	 * @return the stream page
	 */
	@GetMapping(path = "/api/streams/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	public ConsoleFacts.StreamPage stream(@PathVariable String name, HttpServletRequest request) {
		this.access.checkView(request);
		return this.facts.stream(name);
	}

	/**
	 * Pause, resume, start or stop a handler.
	 * @param id the handler id
	 * @param action the action
	 * @param request the request
	 * @return what happened
	 */
	@PostMapping(path = "/api/handlers/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	public ConsoleFacts.ActionResult actOnHandler(@PathVariable String id, @RequestBody ActionRequest action,
			HttpServletRequest request) {
		checkAct(request);
		return this.facts.actOnHandler(id, action.action());
	}

	/**
	 * Redrive or delete a stream's dead letters.
	 * @param name the stream name
	 * @param action the action, with the dead letters' ids or {@code all}
	 * @param request the request
	 * @return what happened
	 */
	@PostMapping(path = "/api/streams/{name}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	public ConsoleFacts.ActionResult actOnDeadLetters(@PathVariable String name, @RequestBody ActionRequest action,
			HttpServletRequest request) {
		checkAct(request);
		List<String> ids = (action.ids() != null) ? action.ids() : List.of();
		return this.facts.actOnDeadLetters(name, action.action(), ids, Boolean.TRUE.equals(action.all()));
	}

	/**
	 * A refused or failed request as JSON the page shows.
	 * @param ex the failure
	 * @return the error
	 */
	@ExceptionHandler(ConsoleException.class)
	public ResponseEntity<Map<String, Object>> refused(ConsoleException ex) {
		return error(ex.getStatus(), String.valueOf(ex.getMessage()));
	}

	/**
	 * Redis not answering, as JSON the page shows.
	 * @param ex the failure
	 * @return the error
	 */
	@ExceptionHandler(JedisException.class)
	public ResponseEntity<Map<String, Object>> redisFailed(JedisException ex) {
		return error(HttpStatus.SERVICE_UNAVAILABLE, "Redis cannot be reached: " + ex.getMessage());
	}

	private void checkAct(HttpServletRequest request) {
		if (this.readOnly) {
			throw new ConsoleException(HttpStatus.FORBIDDEN,
					"Refused: the console is read-only (redis-events.console.read-only=true)");
		}
		this.access.checkAct(request);
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", status.value(), "error", message));
	}

	private static String attribute(String value) {
		return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
	}

	private static String read(String location) {
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The console page " + location + " is missing from the jar", ex);
		}
	}

	/**
	 * What the page posts.
	 *
	 * @param action the action
	 * @param ids the dead letters' ids, for dead-letter actions
	 * @param all whether a dead-letter action concerns every dead letter
	 */
	public record ActionRequest(String action, @Nullable List<String> ids, @Nullable Boolean all) {
	}

}
