package org.bourtol.launcher.console;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.timeseries.query.InfluxQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's recent river levels for the console's chart, however long this process has run: from
 * InfluxDB when it is configured (the time-series sink wrote every reading there), merged with the
 * readings {@link ConsoleData} read from the observations topic (from {@link ConsoleData#READINGS_SINCE}
 * ago when the first chart was asked, then live: those InfluxDB may not have yet). An InfluxDB point's time is cut to
 * the millisecond (the sink adds a per-id nanosecond offset). Without InfluxDB, or when it fails, the topic's readings
 * alone. One point per observation id, oldest first, at most {@link #MAX_POINTS} (the
 * newest).
 */
final class GaugeHistory {

    private static final Logger LOG = LoggerFactory.getLogger(GaugeHistory.class);

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    static final int MAX_POINTS = 5000;

    /** One reading on the chart, and where it was read. */
    record Point(Instant at, int cm, String id, String from) {
    }

    /** The readings and the sources that gave them ({@code influx}, {@code kafka}). */
    record Readings(List<Point> points, List<String> sources) {
    }

    private final ConsoleData data;
    private final InfluxQueries influx;

    /** @param influx null when InfluxDB is not configured */
    GaugeHistory(ConsoleData data, InfluxQueries influx) {
        this.data = data;
        this.influx = influx;
    }

    /** Blocking when InfluxDB is configured: call from a worker. */
    Readings readings(String station, Duration window, Instant now) {
        Instant from = now.minus(window);
        List<Point> fromInflux = List.of();
        List<String> sources = new ArrayList<>();
        if (influx != null) {
            try {
                fromInflux = influx.gaugeLevels(station, from, now.plusSeconds(1)).stream()
                        .filter(r -> r.time() != null && r.number("level_cm") != null)
                        .map(r -> new Point(r.time().truncatedTo(ChronoUnit.MILLIS), r.number("level_cm").intValue(), r.string("observation_id"),
                                "influx"))
                        .toList();
                sources.add("influx");
            } catch (RuntimeException e) {
                LOG.warn("gauge history not read from InfluxDB, the observations topic only [station: {}, reason: {}]", station, e.getMessage());
            }
        }
        sources.add("kafka");
        List<Point> fromKafka = data.readings(station).stream()
                .map(g -> new Point(g.observedAt(), g.levelCm(), g.id(), "kafka")).toList();
        return new Readings(merge(from, fromInflux, fromKafka), List.copyOf(sources));
    }

    /**
     * The points at or after {@code from}, one per observation id (the topic's wins: it is the record as received),
     * oldest first, the newest {@link #MAX_POINTS}.
     */
    static List<Point> merge(Instant from, Collection<Point> influx, Collection<Point> kafka) {
        Map<String, Point> byId = new HashMap<>();
        for (Collection<Point> source : List.of(influx, kafka)) {
            for (Point p : source) {
                if (!p.at().isBefore(from)) {
                    byId.put(p.id() != null ? p.id() : p.at() + "/" + p.cm(), p);
                }
            }
        }
        List<Point> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Point::at).thenComparing(p -> String.valueOf(p.id())));
        return List.copyOf(all.subList(Math.max(0, all.size() - MAX_POINTS), all.size()));
    }

    /** The {@code ?days=} of a request: 1 to 90, default 7. */
    static Duration window(String days) {
        if (days == null || days.isBlank()) {
            return DEFAULT_WINDOW;
        }
        try {
            int d = Integer.parseInt(days.trim());
            if (d >= 1 && d <= MAX_WINDOW.toDays()) {
                return Duration.ofDays(d);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("'days' must be a whole number of days from 1 to " + MAX_WINDOW.toDays() + ", got '" + days + "'");
    }
}
