package org.bourtol.timeseries.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.influxdb.dto.Point;

/**
 * The {@code pipeline} measurement: latency from observation to alert to delivery, and the sink's own
 * throughput.
 *
 * <p>Which clocks can be trusted: an observation's {@code receivedAt} is ingest's wall clock; a
 * delivery record's Kafka timestamp is the notifier's wall clock when it published the outcome. An
 * alert record's Kafka timestamp is not a processing clock: Kafka Streams gives an output record the
 * timestamp of the input record that caused it. So the end-to-end latency is measured from the
 * receipt of the newest evidence observation to the delivery record, and the observation-to-alert
 * step is measured in event time only.
 *
 * <p>Observations and alerts are remembered in bounded caches (observation id → receivedAt, alert id
 * → newest evidence receipt). A latency whose cause the sink has not seen (after a restart, or when
 * it read the alert before the observation while catching up) is left out, never guessed; InfluxDB
 * merges the fields of a re-written point, so a re-delivery never removes a latency already written.
 * Not thread-safe: used by the sink thread only.
 */
public final class PipelineLatency {

    private final Map<String, Long> observations;
    private final Map<String, Long> alerts;

    public PipelineLatency(int maxObservations, int maxAlerts) {
        this.observations = lru(maxObservations);
        this.alerts = lru(maxAlerts);
    }

    /** Remembers when ingest received an observation. */
    public void observation(String observationId, Instant receivedAt) {
        observations.put(observationId, receivedAt.toEpochMilli());
    }

    /** A {@code stage=observation_alert} point for a RAISED event with evidence, or empty. */
    public Optional<Point> alert(AlertEvent e) {
        if (e.type() != AlertEventType.RAISED) {
            return Optional.empty();
        }
        long received = -1;
        for (Evidence ev : e.alert().evidence()) {
            Long ts = ev.observationId() == null ? null : observations.get(ev.observationId());
            if (ts != null && ts > received) {
                received = ts;
            }
        }
        alerts.put(e.alertId(), received);
        Instant latest = PointMapper.latestEvidence(e.alert());
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(Point.measurement(PointMapper.PIPELINE).tag("stage", "observation_alert")
                .tag("zone", PointMapper.tag(e.alert().zone())).tag("hazard", e.alert().hazard().wire())
                .addField("alert_id", PointMapper.text(e.alertId()))
                .addField("event_latency_ms", Duration.between(latest, e.at()).toMillis())
                .time(EventTime.nanos(e.at(), e.eventId()), TimeUnit.NANOSECONDS).build());
    }

    /**
     * A {@code stage=alert_delivery} point for a sent or delivered notification whose alert and
     * evidence the sink has seen, or empty. {@code recordTs} is the delivery record's Kafka timestamp.
     */
    public Optional<Point> delivery(Delivery d, long recordTs) {
        if (d.status() != DeliveryStatus.SENT && d.status() != DeliveryStatus.DELIVERED) {
            return Optional.empty();
        }
        long received = Long.MAX_VALUE;
        for (String alertId : d.alertIds()) {
            Long known = alerts.get(alertId);
            if (known != null && known >= 0) {
                received = Math.min(received, known);
            }
        }
        if (received == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Point.measurement(PointMapper.PIPELINE).tag("stage", "alert_delivery")
                .tag("status", d.status().wire()).tag("channel", PointMapper.tag(d.channel()))
                .addField("delivery_id", PointMapper.text(d.deliveryId())).addField("end_to_end_ms", recordTs - received)
                .time(EventTime.nanos(d.at(), PointMapper.deliveryKey(d)), TimeUnit.NANOSECONDS).build());
    }

    /**
     * A {@code stage=sink} point: records written by one batch per topic, the rate since the previous
     * batch and the consumer lag. Timestamped with the wall clock (it describes the sink, not an event).
     */
    public static Point throughput(Instant now, long observations, long alerts, long deliveries, double seconds, long lag) {
        double rate = seconds > 0 ? (observations + alerts + deliveries) / seconds : 0;
        return Point.measurement(PointMapper.PIPELINE).tag("stage", "sink")
                .addField("observations", observations).addField("alerts", alerts).addField("deliveries", deliveries)
                .addField("records_per_s", rate).addField("lag_records", lag)
                .time(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano(), TimeUnit.NANOSECONDS)
                .build();
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
