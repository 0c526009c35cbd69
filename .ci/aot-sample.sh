#!/usr/bin/env bash
# AOT check: the sample, processed ahead of time (./mvnw -pl samples/order-service -am -Paot
# -DskipTests package), starts on the JVM with -Dspring.aot.enabled=true and handles an order.
# A native image is out of scope (no GraalVM here); this proves the AOT-generated context and
# the hints' inputs work.
set -euo pipefail
cd "$(dirname "$0")/.."

app_port="${AOT_APP_PORT:-18300}"
redis_port="${AOT_REDIS_PORT:-18301}"
work="$(mktemp -d)"
jar="$(ls samples/order-service/target/order-service-*.jar | grep -v original | head -1)"
[ -d samples/order-service/target/spring-aot ] || { echo "run the -Paot package first"; exit 1; }

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
	>"$work/redis.log" 2>&1 &
redis_pid=$!
java -Dspring.aot.enabled=true -jar "$jar" --server.port="$app_port" \
	--spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$redis_port" \
	--redis-events.console.enabled=false >"$work/app.log" 2>&1 &
app_pid=$!
cleanup() {
	kill "$app_pid" 2>/dev/null || true
	kill "$redis_pid" 2>/dev/null || true
	wait "$app_pid" "$redis_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
	curl -fs "localhost:$app_port/actuator/health" >/dev/null 2>&1 && break
	kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "AOT sample did not start"; exit 1; }
	sleep 1
done
order="$(curl -fs -X POST "localhost:$app_port/orders" -H 'Content-Type: application/json' \
	-d '{"customer":"aot","amount":12.5}')"
order_id="$(echo "$order" | sed -E 's/.*"orderId":"([^"]+)".*/\1/')"
for _ in $(seq 1 60); do
	if grep -q "Charged 12.5 for order $order_id" "$work/app.log"; then
		echo "AOT sample: order $order_id handled with -Dspring.aot.enabled=true"
		exit 0
	fi
	sleep 1
done
cat "$work/app.log"
echo "AOT sample: order $order_id was not handled"
exit 1
