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
 * The {@code pipeline} measurement: end-to-end latency from observation to alert to delivery, and the
 * sink's own throughput.
 *
 * <p>Processing latency uses Kafka record timestamps (the wall clock of the producer when ingest,
 * rules and notifier published), remembered in bounded caches keyed by observation id and alert id.
 * A cache miss (the sink restarted, or read the alert before the observation while catching up)
 * leaves that field out; InfluxDB merges fields of a re-written point, so a re-delivered record
 * never removes a latency already written. Event-time latency ({@code event_latency_ms}: alert event
 * time minus the newest evidence's observation time) needs no cache. Not thread-safe: used by the
 * sink thread only.
 */
public final class PipelineLatency {

    private final Map<String, Long> observations;
    private final Map<String, long[]> alerts;

    public PipelineLatency(int maxObservations, int maxAlerts) {
        this.observations = lru(maxObservations);
        this.alerts = lru(maxAlerts);
    }

    /** Remembers when an observation was published ({@code recordTs}, epoch ms). */
    public void observation(String observationId, long recordTs) {
        observations.put(observationId, recordTs);
    }

    /** A {@code stage=observation_alert} point for a RAISED event, or empty. */
    public Optional<Point> alert(AlertEvent e, long recordTs) {
        if (e.type() != AlertEventType.RAISED) {
            return Optional.empty();
        }
        long obsTs = -1;
        for (Evidence ev : e.alert().evidence()) {
            Long ts = ev.observationId() == null ? null : observations.get(ev.observationId());
            if (ts != null && ts > obsTs) {
                obsTs = ts;
            }
        }
        alerts.put(e.alertId(), new long[] {recordTs, obsTs});
        Point.Builder p = Point.measurement(PointMapper.PIPELINE).tag("stage", "observation_alert")
                .tag("zone", PointMapper.tag(e.alert().zone())).tag("hazard", e.alert().hazard().wire())
                .addField("alert_id", PointMapper.text(e.alertId()));
        boolean any = false;
        if (obsTs >= 0) {
            p.addField("latency_ms", recordTs - obsTs);
            any = true;
        }
        Instant latest = PointMapper.latestEvidence(e.alert());
        if (latest != null) {
            p.addField("event_latency_ms", Duration.between(latest, e.at()).toMillis());
            any = true;
        }
        return any ? Optional.of(p.time(EventTime.nanos(e.at(), e.eventId()), TimeUnit.NANOSECONDS).build())
                : Optional.empty();
    }

    /** A {@code stage=alert_delivery} point for a sent or delivered notification of a known alert, or empty. */
    public Optional<Point> delivery(Delivery d, long recordTs) {
        if (d.status() != DeliveryStatus.SENT && d.status() != DeliveryStatus.DELIVERED) {
            return Optional.empty();
        }
        long raised = Long.MAX_VALUE;
        long obs = Long.MAX_VALUE;
        for (String alertId : d.alertIds()) {
            long[] known = alerts.get(alertId);
            if (known != null) {
                raised = Math.min(raised, known[0]);
                if (known[1] >= 0) {
                    obs = Math.min(obs, known[1]);
                }
            }
        }
        if (raised == Long.MAX_VALUE) {
            return Optional.empty();
        }
        Point.Builder p = Point.measurement(PointMapper.PIPELINE).tag("stage", "alert_delivery")
                .tag("status", d.status().wire()).tag("channel", PointMapper.tag(d.channel()))
                .addField("delivery_id", PointMapper.text(d.deliveryId())).addField("latency_ms", recordTs - raised);
        if (obs != Long.MAX_VALUE) {
            p.addField("end_to_end_ms", recordTs - obs);
        }
        return Optional.of(p.time(EventTime.nanos(d.at(), PointMapper.deliveryKey(d)), TimeUnit.NANOSECONDS).build());
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
