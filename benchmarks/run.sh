#!/bin/sh
# Builds the benchmarks and runs every scenario against a private redis-server on a free
# loopback port. Prints one table; writes it with a chart to benchmarks/target/results.
# Arguments go to the harness: --quick (smoke run), --only drain,latency,publish,leases,stability
set -e
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmarks -am package -DskipTests
exec java -Xms1g -Xmx1g -XX:+UseG1GC -jar benchmarks/target/benchmarks.jar "$@"
