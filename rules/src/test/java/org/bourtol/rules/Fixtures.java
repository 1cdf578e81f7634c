package org.bourtol.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.topic.Json;

/** Test observations and rules around a fixed instant. */
public final class Fixtures {

    /** 2 Aug 2020, when Niamey reached its yellow level. */
    public static final Instant T0 = Instant.parse("2020-08-02T06:00:00Z");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    public static Instant day(int month, int day, int hour) {
        return Instant.parse(String.format("2020-%02d-%02dT%02d:00:00Z", month, day, hour));
    }

    public static GaugeReading gauge(String station, int cm, Instant at) {
        return new GaugeReading("g-" + station + "-" + at.toEpochMilli() + "-" + cm, Source.MQTT, at, at, null, true, station, cm);
    }

    public static RainReading rain(String station, double mm, Instant at) {
        return new RainReading("r-" + station + "-" + at.toEpochMilli() + "-" + SEQ.incrementAndGet(), Source.MQTT, at, at, null, true, station, mm, 60);
    }

    public static HerdPosition herd(String herd, double lat, double lon, int head, Instant at) {
        return new HerdPosition("h-" + herd + "-" + at.toEpochMilli() + "-" + SEQ.incrementAndGet(), Source.MQTT, at, at, null, true,
                herd, lat, lon, head, Species.CATTLE, null, null, null, null, null);
    }

    public static CommunityReport report(String zone, ReportType type, boolean verified, String reporter, Instant at) {
        return new CommunityReport("c-" + zone + "-" + at.toEpochMilli() + "-" + SEQ.incrementAndGet(), Source.SMS, at, at, reporter,
                verified, type, zone, null, null, "test");
    }

    public static RuleDocument rule(String json) {
        try {
            return Json.MAPPER.readValue(json.replace('\'', '"'), RuleDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Instant plus(Instant t, Duration d) {
        return t.plus(d);
    }
}
