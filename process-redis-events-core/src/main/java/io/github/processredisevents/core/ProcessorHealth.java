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

import org.jspecify.annotations.Nullable;

/**
 * Whether a {@link StreamProcessor} is doing its job.
 *
 * @param loopAlive whether its fetch loop runs (false once stopped, or if it died)
 * @param connected whether its last exchange with Redis succeeded
 * @param lastError the last error it met talking to Redis, if it is not connected
 * @since 0.1.0
 */
public record ProcessorHealth(boolean loopAlive, boolean connected, @Nullable String lastError) {
}
