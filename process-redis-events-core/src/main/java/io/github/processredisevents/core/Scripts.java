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
 * The Lua scripts of the engine. Each touches the keys of one hash slot only.
 */
final class Scripts {

	/**
	 * Extend the leases of entries this consumer still owns; return the ids that another
	 * consumer owns now (entries no longer pending at all are left alone). One
	 * {@code XPENDING} over the ids' range, restricted to this consumer, tells which it
	 * owns (instead of one {@code XPENDING} per id), then one {@code XCLAIM} resets their
	 * idle time. KEYS: stream. ARGV: group, consumer, lowest id, highest id, id...
	 */
	static final LuaScript EXTEND_LEASES = new LuaScript("""
			local mine = {}
			local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[4], '9223372036854775807', ARGV[2])
			for _, entry in ipairs(pending) do
			  mine[entry[1]] = true
			end
			local owned = {KEYS[1], ARGV[1], ARGV[2], '0'}
			local lost = {}
			for i = 5, #ARGV do
			  if mine[ARGV[i]] then
			    owned[#owned + 1] = ARGV[i]
			  elseif redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)[1] then
			    -- pending, but another consumer's now (one no longer pending was settled)
			    lost[#lost + 1] = ARGV[i]
			  end
			end
			if #owned > 4 then
			  owned[#owned + 1] = 'JUSTID'
			  redis.call('XCLAIM', unpack(owned))
			end
			return lost
			""");

	/**
	 * Make the entries that this consumer still owns reclaimable after a back-off, by
	 * setting their idle time; return how many it owned. KEYS: stream. ARGV: group,
	 * consumer, idle ms, id...
	 */
	static final LuaScript RELEASE = new LuaScript("""
			local owned = {KEYS[1], ARGV[1], ARGV[2], '0'}
			for i = 4, #ARGV do
			  local entry = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)[1]
			  if entry and entry[2] == ARGV[2] then
			    owned[#owned + 1] = ARGV[i]
			  end
			end
			local count = #owned - 4
			if count > 0 then
			  owned[#owned + 1] = 'IDLE'
			  owned[#owned + 1] = ARGV[3]
			  owned[#owned + 1] = 'JUSTID'
			  redis.call('XCLAIM', unpack(owned))
			end
			return count
			""");

	/**
	 * Hand entries this consumer still owns back unhandled: reclaimable at once, their
	 * delivery counter set back so that the next delivery does not count as one more
	 * attempt. Return how many it owned. KEYS: stream. ARGV: group, consumer, idle ms,
	 * then pairs of id and delivery counter to set.
	 */
	static final LuaScript HAND_BACK = new LuaScript("""
			local count = 0
			for i = 4, #ARGV, 2 do
			  local entry = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)[1]
			  if entry and entry[2] == ARGV[2] then
			    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], '0', ARGV[i], 'IDLE', ARGV[3],
			        'RETRYCOUNT', ARGV[i + 1], 'JUSTID')
			    count = count + 1
			  end
			end
			return count
			""");

	/**
	 * Claim one entry released for a retry once its back-off has passed, if this consumer
	 * still owns it and its idle time has reached the lease; a claim counts a delivery.
	 * Return {@code id, fields, deliveries} when claimed, minus the milliseconds still to
	 * wait when it is not yet due, and nil when it was settled, deleted or taken by
	 * another consumer. KEYS: stream. ARGV: group, consumer, lease ms, id.
	 */
	static final LuaScript CLAIM_DUE = new LuaScript("""
			local entry = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[4], ARGV[4], 1)[1]
			if not entry or entry[2] ~= ARGV[2] then
			  return false
			end
			local wait = tonumber(ARGV[3]) - tonumber(entry[3])
			if wait > 0 then
			  return -wait
			end
			local claimed = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])[1]
			if not claimed or not claimed[2] then
			  return false
			end
			return {claimed[1], claimed[2], entry[4] + 1}
			""");

	/**
	 * Remove the consumers of a group, other than the caller, that hold no pending
	 * entries and have been idle at least the given time; return their names. One script,
	 * so that no consumer takes an entry between the check and the removal (which would
	 * drop it for good). KEYS: stream. ARGV: group, caller, idle ms.
	 */
	static final LuaScript REMOVE_IDLE_CONSUMERS = new LuaScript("""
			local removed = {}
			for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
			  local info = {}
			  for i = 1, #consumer, 2 do
			    info[consumer[i]] = consumer[i + 1]
			  end
			  if info['name'] ~= ARGV[2] and tonumber(info['pending']) == 0
			      and tonumber(info['idle']) >= tonumber(ARGV[3]) then
			    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
			    removed[#removed + 1] = info['name']
			  end
			end
			return removed
			""");

	/**
	 * Add a dead letter and acknowledge the entry, atomically. KEYS: stream, dead-letter
	 * stream. ARGV: group, id, data, then name and value of each field after data.
	 */
	static final LuaScript DEAD_LETTER = new LuaScript("""
			local fields = {KEYS[2], '*', 'data', ARGV[3]}
			for i = 4, #ARGV do
			  fields[#fields + 1] = ARGV[i]
			end
			local added = redis.call('XADD', unpack(fields))
			redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
			return added
			""");

	/**
	 * Move one dead letter back into its stream, atomically. KEYS: dead-letter stream,
	 * stream. ARGV: dead-letter id, then name and value of each field, data first.
	 */
	static final LuaScript REDRIVE = new LuaScript("""
			local fields = {KEYS[2], '*'}
			for i = 2, #ARGV do
			  fields[#fields + 1] = ARGV[i]
			end
			local added = redis.call('XADD', unpack(fields))
			redis.call('XDEL', KEYS[1], ARGV[1])
			return added
			""");

	/**
	 * Acquire or renew the ownership of a partition for ordered processing: renew it
	 * ({@code PEXPIRE}) when the caller owns it, take it ({@code SET PX}) when nobody
	 * does and the caller may acquire; return the owner afterwards (nil when nobody owns
	 * it). KEYS: owner key. ARGV: consumer, lease ms, whether to acquire (1 or 0).
	 */
	static final LuaScript OWN_PARTITION = new LuaScript("""
			local owner = redis.call('GET', KEYS[1])
			if owner == ARGV[1] then
			  redis.call('PEXPIRE', KEYS[1], ARGV[2])
			  return owner
			end
			if not owner and ARGV[3] == '1' then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return ARGV[1]
			end
			return owner
			""");

	/**
	 * Give up the ownership of a partition if the caller holds it; return 1 if it did.
	 * KEYS: owner key. ARGV: consumer.
	 */
	static final LuaScript RELEASE_PARTITION = new LuaScript("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  return redis.call('DEL', KEYS[1])
			end
			return 0
			""");

	/**
	 * Record that a consumer of an ordered group is alive, at the Redis server's time (so
	 * that consumers' clocks need not agree), remove the members not seen for a lease,
	 * and return the live members; with a lease of 0, remove the caller instead (it
	 * leaves). KEYS: members sorted set. ARGV: consumer, lease ms.
	 */
	static final LuaScript MEMBERS = new LuaScript("""
			local lease = tonumber(ARGV[2])
			if lease == 0 then
			  redis.call('ZREM', KEYS[1], ARGV[1])
			  return redis.call('ZRANGE', KEYS[1], 0, -1)
			end
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			redis.call('ZADD', KEYS[1], now, ARGV[1])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - lease))
			redis.call('PEXPIRE', KEYS[1], lease * 2)
			return redis.call('ZRANGE', KEYS[1], 0, -1)
			""");

	private Scripts() {
	}

}
