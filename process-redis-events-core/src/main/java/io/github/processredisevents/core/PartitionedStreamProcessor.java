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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The processor of a {@link PartitionedStream}: one processor per partition, seen as one.
 * Its state is the least advanced of its partitions', its figures are their sums, and it
 * is healthy only when every partition is.
 */
final class PartitionedStreamProcessor implements StreamProcessor {

	private final String stream;

	private final ProcessOptions<?> options;

	private final List<StreamProcessor> partitions;

	PartitionedStreamProcessor(String stream, ProcessOptions<?> options, List<StreamProcessor> partitions) {
		this.stream = stream;
		this.options = options;
		this.partitions = List.copyOf(partitions);
	}

	/**
	 * The processors of the partitions, in partition order.
	 */
	List<StreamProcessor> partitions() {
		return this.partitions;
	}

	@Override
	public String stream() {
		return this.stream;
	}

	@Override
	public String group() {
		return this.options.group();
	}

	@Override
	public String consumerId() {
		return this.partitions.get(0).consumerId();
	}

	@Override
	public ProcessOptions<?> options() {
		return this.options;
	}

	@Override
	public ProcessorState state() {
		ProcessorState least = ProcessorState.STOPPED;
		for (StreamProcessor partition : this.partitions) {
			ProcessorState state = partition.state();
			if (state.ordinal() < least.ordinal()) {
				least = state;
			}
		}
		return least;
	}

	@Override
	public ProcessorStats stats() {
		int inFlight = 0;
		long processed = 0;
		long failed = 0;
		long retried = 0;
		long deadLettered = 0;
		for (StreamProcessor partition : this.partitions) {
			ProcessorStats stats = partition.stats();
			inFlight += stats.inFlight();
			processed += stats.processed();
			failed += stats.failed();
			retried += stats.retried();
			deadLettered += stats.deadLettered();
		}
		return new ProcessorStats(inFlight, processed, failed, retried, deadLettered);
	}

	@Override
	public ProcessorHealth health() {
		boolean alive = true;
		boolean connected = true;
		String lastError = null;
		for (StreamProcessor partition : this.partitions) {
			ProcessorHealth health = partition.health();
			alive &= health.loopAlive();
			connected &= health.connected();
			if (lastError == null && health.lastError() != null) {
				lastError = partition.stream() + ": " + health.lastError();
			}
		}
		return new ProcessorHealth(alive, connected, connected ? null : lastError);
	}

	@Override
	public void pause() {
		this.partitions.forEach(StreamProcessor::pause);
	}

	@Override
	public void resume() {
		this.partitions.forEach(StreamProcessor::resume);
	}

	@Override
	public boolean awaitRunning(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (StreamProcessor partition : this.partitions) {
			long left = Math.max(0, deadline - System.nanoTime());
			if (!partition.awaitRunning(Duration.ofNanos(left))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stop every partition at once, each gracefully.
	 */
	@Override
	public void stop() {
		CompletableFuture
			.allOf(this.partitions.stream().map((partition) -> CompletableFuture.runAsync(partition::stop, (task) -> {
				Thread thread = new Thread(task, "redis-events-stop-" + partition.stream());
				thread.setDaemon(true);
				thread.start();
			})).toArray(CompletableFuture[]::new))
			.join();
	}

	@Override
	public String toString() {
		return "PartitionedStreamProcessor[" + this.stream + " x " + this.partitions.size() + "]";
	}

}
