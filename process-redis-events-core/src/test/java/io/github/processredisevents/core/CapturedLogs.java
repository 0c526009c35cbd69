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

package io.github.processredisevents.core;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The log lines one class writes while a test runs (logback's {@link ListAppender}).
 */
final class CapturedLogs implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level previousLevel;

	private CapturedLogs(Class<?> source) {
		this.logger = (Logger) LoggerFactory.getLogger(source);
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * Start capturing what {@code source} logs, DEBUG included.
	 */
	static CapturedLogs of(Class<?> source) {
		return new CapturedLogs(source);
	}

	/**
	 * The formatted messages logged at exactly {@code level} so far.
	 */
	List<String> messages(Level level) {
		// AppenderBase.doAppend holds the appender's lock while it adds to the list
		synchronized (this.appender) {
			return this.appender.list.stream()
				.filter((event) -> event.getLevel() == level)
				.map(ILoggingEvent::getFormattedMessage)
				.toList();
		}
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
	}

}
