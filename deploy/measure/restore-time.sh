#!/bin/bash
# How long the rules engine takes to restore a season of state, measured by hand (docs/operations.md,
# "Restore time"). Plays the built-in season into `run --embedded`, stops it, starts it again and
# reports how many changelog records Kafka Streams restored and how long that took, and the pending readings read back
# from the observations topic.
# Usage: deploy/measure/restore-time.sh [path/to/bourtol.jar]   (loopback only; ports 18480, 19492, 11883)
set -euo pipefail
JAR=$(realpath "${1:-launcher/target/bourtol.jar}")
WORK=$(mktemp -d -t bourtol-restore-XXXX)
export BOURTOL_DATA_DIR=$WORK/data BOURTOL_HTTP_PORT=18480 BOURTOL_KAFKA_EMBEDDED_PORT=19492 \
       BOURTOL_MQTT_EMBEDDED_PORT=11883 TWILIO_AUTH_TOKEN=restore-time-token-0123456789
cat > "$WORK/logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.kafka.streams.KafkaStreams" level="INFO"/>
  <logger name="org.apache.kafka.streams.processor.internals.StoreChangelogReader" level="INFO"/>
  <logger name="org.bourtol.rules.engine.InputRecovery" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
PID=
start() { java -Dlogback.configurationFile="$WORK/logback.xml" -jar "$JAR" run --embedded > "$WORK/run-$1.log" 2>&1 & PID=$!; }
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
trap 'kill $PID 2>/dev/null || true' EXIT
start season
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:18480/health > /dev/null && break; sleep 1; done
BOURTOL_KAFKA_BOOTSTRAP=127.0.0.1:19492 java -jar "$JAR" simulate --http http://127.0.0.1:18480 --settle 120 \
    > "$WORK/simulate.log" 2>&1
grep -E "^Alerts raised" "$WORK/simulate.log"
stop
start restart
until grep -q "REBALANCING to RUNNING" "$WORK/run-restart.log"; do sleep 0.2; done
stop
log=$WORK/run-restart.log
first=$(grep -m1 StoreChangelogReader "$log" | cut -c1-12)
last=$(grep "Finished restoring" "$log" | tail -1 | cut -c1-12)
records=$(grep -o "total number of [0-9]* records" "$log" | awk '{s += $4} END {print s}')
echo "restored $records changelog records between $first and $last (logs in $WORK)"
# the station and herd readings still pending are read back from the observations topic instead (InputRecovery)
grep "pending inputs" "$log" | cut -c1-220 || true
