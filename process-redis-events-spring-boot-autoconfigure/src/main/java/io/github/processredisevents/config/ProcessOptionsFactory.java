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

package io.github.processredisevents.config;

import io.github.processredisevents.core.ProcessOptions;

/**
 * Turns a handler endpoint into the options it is processed with. An implementation
 * decides what settings come from outside the annotation and in what order.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProcessOptionsFactory {

	/**
	 * A factory that uses the annotation's settings and the built-in defaults only.
	 */
	ProcessOptionsFactory ANNOTATION_ONLY = (
			endpoint) -> endpoint.applyTo(ProcessOptions.builderFor(endpoint.getPayloadType())).build();

	/**
	 * Create the options of a handler.
	 * @param endpoint the handler endpoint
	 * @return the options
	 * @throws IllegalStateException or a configuration exception if a setting is invalid
	 */
	ProcessOptions<Object> createOptions(RedisEventHandlerEndpoint endpoint);

}
