#!/bin/sh
# The handler-count scenario: what 1, 50 and 200 idle handlers cost (threads, Redis
# connections, heap, idle commands/s and CPU), for this build and an older core side by
# side in one run. Usage: benchmarks/handler-cost.sh [COMMIT]  (default 39de3af, the core
# before handlers shared their acknowledgement and lease threads). Writes
# benchmarks/target/results/handler-cost.md.
set -e
cd "$(dirname "$0")/.."
before=${1:-39de3af}
work=benchmarks/target/handler-cost
./mvnw -q -pl benchmarks -am package -DskipTests
rm -rf "$work"
mkdir -p "$work/before"
# this build's classes and libraries as plain jars
java -Djarmode=tools -jar benchmarks/target/benchmarks.jar extract --destination "$work/after" >/dev/null
# the older core, built from its own sources (package only: nothing is installed)
git archive "$before" | tar -x -C "$work/before"
(cd "$work/before" && ./mvnw -q -pl process-redis-events-core package -DskipTests -Dmaven.javadoc.skip=true)
core=$(ls "$work"/before/process-redis-events-core/target/process-redis-events-core-*.jar | grep -v -e sources -e tests -e javadoc | head -1)
exec java -Xmx256m -cp "$work/after/benchmarks.jar" io.github.processredisevents.benchmarks.HandlerCostBenchmark \
	--classpath "$work/after/benchmarks.jar" --before "$core" --before-name "$before"
