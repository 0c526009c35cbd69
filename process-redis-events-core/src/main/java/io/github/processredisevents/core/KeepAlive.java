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

/**
 * Keeps the JVM alive while processors run: one non-daemon thread per engine, started
 * when the first processor starts and ended when the last one stops, like Spring Boot's
 * {@code spring.main.keep-alive} and Spring Integration's keep-alive thread. The engine's
 * own threads are daemon threads (and may be virtual threads), so without it a
 * {@code main} that only starts processors would end the JVM at once.
 */
final class KeepAlive {

	static final String THREAD_NAME = "redis-events-keep-alive";

	private final boolean enabled;

	private final Object monitor = new Object();

	private int running;

	private boolean keeping;

	KeepAlive(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * A processor started: keep the JVM alive until it is {@link #release released}.
	 */
	void acquire() {
		synchronized (this.monitor) {
			this.running++;
			if (this.enabled && !this.keeping) {
				this.keeping = true;
				Thread thread = new Thread(this::awaitNoneRunning, THREAD_NAME);
				thread.setDaemon(false);
				thread.start();
			}
		}
	}

	/**
	 * A processor stopped.
	 */
	void release() {
		synchronized (this.monitor) {
			if (this.running > 0) {
				this.running--;
			}
			this.monitor.notifyAll();
		}
	}

	private void awaitNoneRunning() {
		synchronized (this.monitor) {
			while (this.running > 0) {
				try {
					this.monitor.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			this.keeping = false;
		}
	}

}
