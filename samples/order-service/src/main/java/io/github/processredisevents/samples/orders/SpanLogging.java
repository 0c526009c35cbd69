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

import io.opentelemetry.exporter.logging.LoggingSpanExporter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Writes every finished span to the log (logger
 * {@code io.opentelemetry.exporter.logging.LoggingSpanExporter}), so that one order's
 * trace can be read without a tracing backend. A real service exports over OTLP instead.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
class SpanLogging {

	@Bean
	LoggingSpanExporter loggingSpanExporter() {
		return LoggingSpanExporter.create();
	}

}
