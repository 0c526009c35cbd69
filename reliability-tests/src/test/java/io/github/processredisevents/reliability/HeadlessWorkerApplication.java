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

import java.nio.file.Path;

import io.github.processredisevents.annotation.RedisEventHandler;
import io.github.processredisevents.core.QueueItem;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * A worker service as users deploy it: a Spring Boot application with the starter, one
 * {@code @RedisEventHandler} and no web server, run in a JVM of its own. Entries whose
 * payload starts with {@code slow} take {@code worker.slow-work} (3 s by default), others
 * are done at once; each is recorded in a ledger file ({@code reliability.ledger}).
 * {@code worker.handler.enabled=false} leaves the handler out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HeadlessWorkerApplication {

	/** The handler id. */
	static final String HANDLER = "headless-worker";

	@Bean
	@ConditionalOnBooleanProperty(name = "worker.handler.enabled", matchIfMissing = true)
	Worker worker(@Value("${reliability.ledger}") String ledger,
			@Value("${worker.slow-work:3s}") java.time.Duration slowWork) {
		return new Worker(LedgerWriter.open(Path.of(ledger)), slowWork.toMillis());
	}

	public static void main(String[] args) {
		SpringApplication.run(HeadlessWorkerApplication.class, args);
	}

	/**
	 * Records each entry it handles.
	 */
	static class Worker {

		private final LedgerWriter ledger;

		private final long slowMillis;

		Worker(LedgerWriter ledger, long slowMillis) {
			this.ledger = ledger;
			this.slowMillis = slowMillis;
		}

		@RedisEventHandler(id = HANDLER, stream = Scenario.STREAM, group = Scenario.GROUP, startFrom = "oldest",
				concurrency = "4")
		void on(QueueItem<String> item) throws InterruptedException {
			this.ledger.started(item.id(), "worker", item.attempts());
			if (item.data().startsWith("slow")) {
				Thread.sleep(this.slowMillis);
			}
			this.ledger.done(item.id(), "worker", item.attempts());
		}

	}

}
