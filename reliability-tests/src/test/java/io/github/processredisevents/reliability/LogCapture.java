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

package io.github.processredisevents.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Captures what this JVM logs at the configured levels (the library at INFO), with the
 * messages of logged exceptions, to look for payloads in it.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	/**
	 * Start capturing.
	 * @return the capture
	 */
	public static LogCapture capture() {
		LogCapture capture = new LogCapture();
		capture.setContext(capture.root.getLoggerContext());
		capture.start();
		capture.root.addAppender(capture);
		return capture;
	}

	@Override
	protected void append(ILoggingEvent event) {
		StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
		}
		this.lines.add(line.toString());
	}

	/**
	 * What was logged so far.
	 * @return the lines
	 */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	@Override
	public void close() {
		this.root.detachAppender(this);
		stop();
	}

}
