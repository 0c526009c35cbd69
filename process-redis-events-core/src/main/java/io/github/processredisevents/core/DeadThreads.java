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
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived engine threads that an {@link Error} has ended: each is logged through
 * the logger when it dies and named in {@link ProcessorHealth#deadThreads()}, which turns
 * health DOWN. A {@link RuntimeException} never ends such a thread: it logs, backs off
 * and carries on.
 */
final class DeadThreads {

	private static final Logger logger = LoggerFactory.getLogger(DeadThreads.class);

	private final List<String> names = new CopyOnWriteArrayList<>();

	/**
	 * The current thread ends because of {@code error}: log it and remember its name.
	 * @param role what the thread did, for the log
	 * @param error why it ends
	 */
	void died(String role, Error error) {
		String name = Thread.currentThread().getName();
		this.names.add(name);
		logger.error("The {} thread '{}' died and does no more work; restart the application (or the handler)", role,
				name, error);
	}

	/**
	 * A recurring task on a shared thread ends because of {@code error}: log it and
	 * remember the task's name, which stands for a thread of its own.
	 * @param name the task's name
	 * @param error why it ends
	 */
	void ended(String name, Error error) {
		this.names.add(name);
		logger.error("The task '{}' died and does no more work; restart the application (or the handler)", name, error);
	}

	/**
	 * The names of the threads that died.
	 */
	List<String> names() {
		return List.copyOf(this.names);
	}

}
