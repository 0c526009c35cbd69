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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with one {@code @RedisEventHandler} that records in a ledger
 * file ({@code reliability.ledger}), for the scenarios that go through the starter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class StarterApplication {

	/** The handler id. */
	static final String HANDLER = "orders-handler";

	@Bean
	LedgerHandler ledgerHandler(@Value("${reliability.ledger}") String ledger) {
		return new LedgerHandler(LedgerWriter.open(Path.of(ledger)));
	}

	/**
	 * Records each entry it handles.
	 */
	static class LedgerHandler {

		private final LedgerWriter ledger;

		LedgerHandler(LedgerWriter ledger) {
			this.ledger = ledger;
		}

		@RedisEventHandler(id = HANDLER, stream = Scenario.STREAM, group = Scenario.GROUP, lease = "2s",
				startFrom = "oldest")
		void on(QueueItem<String> item) {
			this.ledger.started(item.id(), "starter", item.attempts());
			if (item.data().startsWith("poison")) {
				throw new IllegalStateException("poison entry");
			}
			this.ledger.done(item.id(), "starter", item.attempts());
		}

	}

}
