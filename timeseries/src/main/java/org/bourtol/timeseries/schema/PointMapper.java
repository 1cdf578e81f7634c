package org.bourtol.timeseries.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.privacy.Phones;
import org.influxdb.dto.Point;

/**
 * Turns Kafka records into InfluxDB points; the schema is documented in {@code docs/timeseries.md}.
 * Tags carry low-cardinality ids (station, zone, herd, rule, hazard, severity, status, recipient id);
 * fields carry values with their unit in the name ({@code level_cm}, {@code rain_mm}). Timestamps are
 * event time with a per-record offset ({@link EventTime}), so a re-delivered record overwrites itself.
 *
 * <p>Privacy: nothing that can hold a phone number is written — no reporter text, no delivery
 * {@code to}, no acknowledging actor, no free-text note or outcome; provider error messages are
 * masked with {@link Phones#maskInText}.
 */
public final class PointMapper {

    public static final String GAUGE_LEVEL = "gauge_level";
    public static final String RAINFALL = "rainfall";
    public static final String HERD_POSITION = "herd_position";
    public static final String REPORT = "report";
    public static final String ALERT = "alert";
    public static final String DELIVERY = "delivery";
    public static final String PIPELINE = "pipeline";

    private PointMapper() {
    }

    /** The measurement an observation is written to. */
    public static String measurement(Observation o) {
        if (o instanceof GaugeReading) {
            return GAUGE_LEVEL;
        } else if (o instanceof RainReading) {
            return RAINFALL;
        } else if (o instanceof HerdPosition) {
            return HERD_POSITION;
        }
        return REPORT;
    }

    public static Point observation(Observation o) {
        Point.Builder p;
        if (o instanceof GaugeReading g) {
            p = Point.measurement(GAUGE_LEVEL).tag("station", tag(g.stationId())).addField("level_cm", (long) g.levelCm());
        } else if (o instanceof RainReading r) {
            p = Point.measurement(RAINFALL).tag("station", tag(r.stationId()))
                    .addField("rain_mm", r.mm()).addField("period_min", (long) r.periodMinutes());
        } else if (o instanceof HerdPosition h) {
            p = herd(h);
        } else {
            p = report((CommunityReport) o);
        }
        p.tag("source", lower(o.source())).tag("verified", Boolean.toString(o.verified()))
                .addField("observation_id", text(o.id()));
        if (o.reporterId() != null) {
            p.addField("reporter_id", text(o.reporterId()));
        }
        p.addField("receive_delay_s", seconds(o.observedAt(), o.receivedAt()));
        return p.time(EventTime.nanos(o.observedAt(), o.id()), TimeUnit.NANOSECONDS).build();
    }

    private static Point.Builder herd(HerdPosition h) {
        Point.Builder p = Point.measurement(HERD_POSITION).tag("herd", tag(h.herdId())).tag("species", lower(h.species()))
                .addField("lat", h.lat()).addField("lon", h.lon()).addField("head_count", (long) h.headCount());
        if (h.zoneId() != null) {
            p.tag("zone", tag(h.zoneId()));
        }
        if (h.toZoneId() != null) {
            p.addField("to_zone", text(h.toZoneId()));
        }
        if (h.headingDeg() != null) {
            p.addField("heading_deg", h.headingDeg());
        }
        if (h.speedKmh() != null) {
            p.addField("speed_kmh", h.speedKmh());
        }
        if (h.batteryPct() != null) {
            p.addField("battery_pct", h.batteryPct());
        }
        return p;
    }

    private static Point.Builder report(CommunityReport c) {
        Point.Builder p = Point.measurement(REPORT).tag("type", lower(c.type())).addField("count", 1L);
        if (c.zoneId() != null) {
            p.tag("zone", tag(c.zoneId()));
        }
        if (c.lat() != null) {
            p.addField("lat", c.lat()).addField("lon", c.lon());
        }
        return p;
    }

    /** One point per alert lifecycle event; the tag {@code type} is the event type, {@code state} the alert state after it. */
    public static Point alert(AlertEvent e) {
        Alert a = e.alert();
        Point.Builder p = Point.measurement(ALERT).tag("zone", tag(a.zone())).tag("hazard", lower(a.hazard()))
                .tag("severity", a.severity().name()).tag("type", lower(e.type()));
        tagIfPresent(p, "rule", a.rule());
        tagIfPresent(p, "rule_type", a.ruleType());
        tagIfPresent(p, "state", a.state() == null ? null : a.state().wire());
        tagIfPresent(p, "level", a.level());
        p.addField("alert_id", text(a.id())).addField("code", text(a.code())).addField("event_id", text(e.eventId()))
                .addField("seq", (long) e.seq()).addField("acknowledged", a.acknowledged())
                .addField("evidence_count", (long) a.evidence().size());
        if (a.urgency() != null) {
            p.addField("urgency", lower(a.urgency()));
        }
        if (a.certainty() != null) {
            p.addField("certainty", lower(a.certainty()));
        }
        if (a.raisedAt() != null) {
            p.addField("age_s", seconds(a.raisedAt(), e.at()));
        }
        Instant latest = latestEvidence(a);
        if (latest != null) {
            p.addField("evidence_age_s", seconds(latest, e.at()));
        }
        return p.time(EventTime.nanos(e.at(), e.eventId()), TimeUnit.NANOSECONDS).build();
    }

    /** One point per delivery outcome; {@code recipient} is the directory id, never the phone. */
    public static Point delivery(Delivery d) {
        Point.Builder p = Point.measurement(DELIVERY).tag("status", d.status().wire()).tag("channel", tag(d.channel()))
                .tag("recipient", tag(d.recipientId()));
        tagIfPresent(p, "step", d.step() == null ? null : d.step().toLowerCase(Locale.ROOT));
        p.addField("delivery_id", text(d.deliveryId())).addField("alert_ids", text(String.join(",", d.alertIds())))
                .addField("attempt", (long) d.attempt());
        if (d.segments() != null) {
            p.addField("segments", (long) d.segments());
        }
        if (d.providerId() != null) {
            p.addField("provider_id", text(d.providerId()));
        }
        if (d.errorCode() != null) {
            p.addField("error_code", text(d.errorCode()));
        }
        if (d.errorMessage() != null) {
            p.addField("error_message", text(Phones.maskInText(d.errorMessage())));
        }
        return p.time(EventTime.nanos(d.at(), deliveryKey(d)), TimeUnit.NANOSECONDS).build();
    }

    /** The identity of one delivery record: the same delivery reaches several statuses and attempts. */
    public static String deliveryKey(Delivery d) {
        return d.deliveryId() + "/" + d.status().wire() + "/" + d.attempt();
    }

    static Instant latestEvidence(Alert a) {
        Instant latest = null;
        for (Evidence ev : a.evidence()) {
            if (ev.observedAt() != null && (latest == null || ev.observedAt().isAfter(latest))) {
                latest = ev.observedAt();
            }
        }
        return latest;
    }

    private static void tagIfPresent(Point.Builder p, String tag, String value) {
        if (value != null && !value.isBlank()) {
            p.tag(tag, tag(value));
        }
    }

    /**
     * A tag value safe for line protocol: influxdb-java escapes space, comma and equals but not line
     * breaks (which would start a new point) or a trailing backslash (which would escape the separator).
     * Empty values are dropped by the client (InfluxDB has no empty tags).
     */
    static String tag(String value) {
        return value.replace('\r', ' ').replace('\n', ' ').replace('\\', '/');
    }

    /** A string field value without line breaks (influxdb-java escapes quotes and backslashes). */
    static String text(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
