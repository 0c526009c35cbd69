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

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A dead letter as read back: its metadata (original id, attempts, consumer group and id,
 * timestamp, error, error type) and the payload of the entry that was given up on.
 *
 * @param id the dead letter's own entry id
 * @param metadata its {@code _dlqMetadata}, empty when it has none
 * @param payload the original payload (a wrapped one unwrapped; the raw text when it was
 * not JSON), or {@code null} when the entry had no {@code data}
 * @since 0.1.0
 */
public record DeadLetter(String id, Map<String, Object> metadata, @Nullable Object payload) {

}
