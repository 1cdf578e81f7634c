package org.bourtol.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.topic.IsoInstants;
import org.bourtol.ingest.place.Gazetteer;
import org.bourtol.ingest.place.Place;
import org.bourtol.ingest.place.Resolution;
import org.bourtol.ingest.sms.SmsParser;

/**
 * Reads the JSON payload shapes of docs/mqtt.md (herd, gauge, rain, report) into observations, shared by
 * MQTT and {@code POST /api/v1/observations}. Every problem is an {@link InvalidInput} naming the field:
 * {@code missing-field}, {@code bad-field} (wrong type or format), {@code out-of-range},
 * {@code unknown-place}. Pure (the gazetteer and the clock value are passed in).
 */
public final class ObservationReader {

    /** Clocks of devices drift; an observation further in the future than this is refused. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    private final Supplier<Gazetteer> gazetteer;

    public ObservationReader(Supplier<Gazetteer> gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Common envelope values of one input. */
    public record Meta(String id, Source source, Instant receivedAt, String reporterId, boolean verified) {
    }

    public Observation read(String kind, String subject, JsonNode n, Meta m) {
        if (n == null || !n.isObject()) {
            throw new InvalidInput("bad-json", "payload must be a JSON object");
        }
        try {
            switch (kind) {
                case "herd":
                    return herd(subject, n, m);
                case "gauge":
                    return new GaugeReading(m.id(), m.source(), observedAt(n, m), m.receivedAt(), m.reporterId(), m.verified(),
                            require(subject, "stationId"), integer(n, "levelCm"));
                case "rain":
                    return new RainReading(m.id(), m.source(), observedAt(n, m), m.receivedAt(), m.reporterId(), m.verified(),
                            require(subject, "stationId"), number(n, "mm"), optionalInt(n, "periodMinutes").orElseThrow(
                                    () -> new InvalidInput("missing-field", "periodMinutes is missing")));
                case "report":
                    return report(n, m);
                default:
                    throw new InvalidInput("unknown-kind", "unknown kind '" + kind + "' (herd, gauge, rain, report)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("out-of-range", e.getMessage());
        }
    }

    private Observation herd(String subject, JsonNode n, Meta m) {
        String herdId = n.hasNonNull("herdId") ? n.get("herdId").asText() : subject;
        return new HerdPosition(m.id(), m.source(), observedAt(n, m), m.receivedAt(), m.reporterId(), m.verified(),
                require(herdId, "herdId"), number(n, "lat"), number(n, "lon"), integer(n, "headCount"), species(text(n, "species")),
                optionalNumber(n, "headingDeg"), optionalNumber(n, "speedKmh"), optionalNumber(n, "batteryPct"),
                optionalText(n, "zoneId"), optionalText(n, "toZoneId"));
    }

    private Observation report(JsonNode n, Meta m) {
        ReportType type = reportType(text(n, "type"));
        String text = optionalText(n, "text");
        if (n.hasNonNull("lat") || n.hasNonNull("lon")) {
            return new CommunityReport(m.id(), m.source(), observedAt(n, m), m.receivedAt(), m.reporterId(), m.verified(), type,
                    optionalText(n, "zoneId"), number(n, "lat"), number(n, "lon"), Phones.maskInText(text));
        }
        if (!n.hasNonNull("place")) {
            throw new InvalidInput("missing-field", "place (or lat and lon) is missing");
        }
        Resolution r = gazetteer.get().resolve(n.get("place").asText());
        if (!(r instanceof Resolution.Found f)) {
            throw new InvalidInput("unknown-place", "place '" + n.get("place").asText() + "' is " + (r instanceof Resolution.Ambiguous
                    ? "ambiguous" : "not in the gazetteer"));
        }
        Place p = f.place();
        return new CommunityReport(m.id(), m.source(), observedAt(n, m), m.receivedAt(), m.reporterId(), m.verified(), type,
                p.zoneId(), p.lat(), p.lon(), Phones.maskInText(text));
    }

    public static Species species(String value) {
        try {
            return Species.fromWire(value);
        } catch (IllegalArgumentException e) {
            return SmsParser.species(value).orElseThrow(() -> new InvalidInput("bad-field", e.getMessage()));
        }
    }

    public static ReportType reportType(String value) {
        try {
            return ReportType.fromWire(value);
        } catch (IllegalArgumentException e) {
            return SmsParser.reportType(value).orElseThrow(() -> new InvalidInput("bad-field", e.getMessage()));
        }
    }

    static Instant observedAt(JsonNode n, Meta m) {
        String s = text(n, "observedAt");
        Instant t;
        try {
            t = IsoInstants.parseOffsetDateTime(s);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("bad-field", "observedAt '" + s + "' is not ISO-8601 with an offset (e.g. 2026-11-24T08:00:00Z)");
        }
        if (t.isAfter(m.receivedAt().plus(FUTURE_TOLERANCE))) {
            throw new InvalidInput("out-of-range", "observedAt " + s + " is in the future");
        }
        return t;
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("missing-field", name + " is missing");
        }
        return value;
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInput("missing-field", field + " is missing");
        }
        if (!v.isTextual()) {
            throw new InvalidInput("bad-field", field + " must be a string");
        }
        return v.asText();
    }

    static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInput("missing-field", field + " is missing");
        }
        if (!v.isNumber()) {
            throw new InvalidInput("bad-field", field + " must be a number, got " + v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new InvalidInput("bad-field", field + " must be a finite number");
        }
        return d;
    }

    static int integer(JsonNode n, String field) {
        double d = number(n, field);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidInput("bad-field", field + " must be a whole number, got " + n.get(field));
        }
        return (int) d;
    }

    static Optional<Integer> optionalInt(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(integer(n, field)) : Optional.empty();
    }

    static Double optionalNumber(JsonNode n, String field) {
        return n.hasNonNull(field) ? number(n, field) : null;
    }
}
