package org.bourtol.launcher.instance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.backtest.OlderInputs;
import org.bourtol.rules.backtest.Recorded;
import org.bourtol.timeseries.query.InfluxQueries;
import org.bourtol.timeseries.schema.PointMapper;
import org.bourtol.timeseries.sink.InfluxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observations the time-series sink wrote to InfluxDB (docs/timeseries.md, schema), rebuilt for a backtest of a
 * period older than Kafka's retention: same ids, event time (the point's time cut to the millisecond, dropping the
 * sink's per-id nanosecond offset), receipt time (event time + {@code receive_delay_s}), source, verified flag,
 * reporter pseudonym and measured values. Not in InfluxDB, hence not replayed: a report's free text (its type, zone
 * and place are), and acknowledgements. A point that cannot be rebuilt is skipped and counted in the log.
 */
public final class InfluxInputs implements OlderInputs {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxInputs.class);

    private final String url;
    private final InfluxQueries queries;

    public InfluxInputs(String url, InfluxQueries queries) {
        this.url = url;
        this.queries = queries;
    }

    /** For the configured InfluxDB; null when {@code influx.url} is not set. */
    public static InfluxInputs of(BourtolConfig config) {
        BourtolConfig.Influx influx = config.influx();
        if (influx == null || influx.url() == null) {
            return null;
        }
        return new InfluxInputs(influx.url(), new InfluxQueries(InfluxWriter.connect(influx), influx.database()));
    }

    @Override
    public String name() {
        return "InfluxDB " + url;
    }

    @Override
    public List<Recorded> observations(Instant from, Instant to) {
        List<Observation> all = new ArrayList<>();
        read(PointMapper.GAUGE_LEVEL, from, to, all, (InfluxQueries.Row r) -> new GaugeReading(r.string("observation_id"), source(r),
                at(r), received(r), r.string("reporter_id"), verified(r), r.string("station"), r.number("level_cm").intValue()));
        read(PointMapper.RAINFALL, from, to, all, (InfluxQueries.Row r) -> new RainReading(r.string("observation_id"), source(r), at(r),
                received(r), r.string("reporter_id"), verified(r), r.string("station"), r.number("rain_mm"), r.number("period_min").intValue()));
        read(PointMapper.HERD_POSITION, from, to, all, (InfluxQueries.Row r) -> new HerdPosition(r.string("observation_id"), source(r),
                at(r), received(r), r.string("reporter_id"), verified(r), r.string("herd"), r.number("lat"), r.number("lon"),
                r.number("head_count").intValue(), Species.valueOf(upper(r.string("species"))), r.number("heading_deg"),
                r.number("speed_kmh"), r.number("battery_pct"), r.string("zone"), r.string("to_zone")));
        read(PointMapper.REPORT, from, to, all, (InfluxQueries.Row r) -> new CommunityReport(r.string("observation_id"), source(r),
                at(r), received(r), r.string("reporter_id"), verified(r), ReportType.valueOf(upper(r.string("type"))), r.string("zone"),
                r.number("lat"), r.number("lon"), null));
        all.sort(java.util.Comparator.comparing(Observation::observedAt).thenComparing(Observation::id));
        List<Recorded> out = new ArrayList<>(all.size());
        for (Observation o : all) {
            out.add(new Recorded(Recorded.Kind.OBSERVATION, o.subject(),
                    Topics.OBSERVATIONS.valueBytes(o),
                    o.receivedAt().toEpochMilli(), o.observedAt()));
        }
        return out;
    }

    private void read(String measurement, Instant from, Instant to, List<Observation> out, Function<InfluxQueries.Row, Observation> rebuild) {
        int skipped = 0;
        for (InfluxQueries.Row r : queries.select(measurement, null, null, from, to)) {
            try {
                out.add(rebuild.apply(r));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("points not rebuilt as observations for a backtest [measurement: {}, skipped: {}]", measurement, skipped);
        }
    }

    private static Instant at(InfluxQueries.Row r) {
        return r.time().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant received(InfluxQueries.Row r) {
        Double delay = r.number("receive_delay_s");
        return delay == null ? at(r) : at(r).plus(Duration.ofMillis(Math.round(delay * 1000)));
    }

    private static Source source(InfluxQueries.Row r) {
        return Source.valueOf(upper(r.string("source")));
    }

    private static boolean verified(InfluxQueries.Row r) {
        return Boolean.parseBoolean(r.string("verified"));
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
