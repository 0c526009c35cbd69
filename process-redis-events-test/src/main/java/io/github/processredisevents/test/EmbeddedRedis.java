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

package io.github.processredisevents.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a real {@code redis-server} for the annotated test class: the one on the PATH,
 * else the bundled Redis {@value RedisServerBinary#BUNDLED_VERSION} (see
 * {@link RedisServerBinary#find()}), on a free port of 127.0.0.1, without persistence,
 * stopped after the class.
 * <p>
 * Test methods, constructors and lifecycle methods may declare a
 * {@link RedisServerProcess} or a {@link TestStreams} parameter. In a Spring test
 * ({@code @SpringBootTest} and the like) the application context gets a
 * {@code DataRedisConnectionDetails} bean for the server, as {@code @ServiceConnection}
 * gives one for a container, so Spring Boot and the process-redis-events starter connect
 * to it whatever {@code spring.data.redis.*} says; that context is closed after the
 * class, and the server with it.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedRedisExtension.class)
@ContextCustomizerFactories(EmbeddedRedisContextCustomizerFactory.class)
@DirtiesContext
public @interface EmbeddedRedis {

	/**
	 * Extra {@code redis-server} configuration directives as {@code name value} pairs,
	 * such as {@code "appendonly yes"} or {@code "maxmemory 10mb"}.
	 * @return the directives
	 */
	String[] config() default {};

}
