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

import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps a cluster client's slot map current for its pipelines. A Jedis
 * {@code ClusterPipeline} sends each command to the node its slot map names and never
 * refreshes the map itself: after a failover it keeps trying the dead primary. A plain
 * command does refresh the map when it meets connection failures or {@code MOVED}, so one
 * cheap command for the same key, after a failed pipeline, points later pipelines at the
 * new primary.
 */
final class ClusterTopology {

	private ClusterTopology() {
	}

	/**
	 * After a pipeline for {@code key} failed: on a cluster client, send one
	 * {@code XPENDING key group} (summary form, within the least-privilege command set),
	 * whose retries refresh the slot map; its own outcome does not matter.
	 * @param jedis the client the pipeline came from
	 * @param key the stream key the pipeline wrote to
	 * @param group the consumer group
	 */
	static void refreshAfterFailedPipeline(UnifiedJedis jedis, String key, String group) {
		if (!(jedis instanceof JedisCluster)) {
			return;
		}
		try {
			jedis.xpending(key, group);
		}
		catch (JedisException ex) {
			// the primary may not be promoted yet; the next failure tries again
		}
	}

}
