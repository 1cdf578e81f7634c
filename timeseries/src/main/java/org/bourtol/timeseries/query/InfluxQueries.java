package org.bourtol.timeseries.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bourtol.timeseries.schema.PointMapper;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Reads series back from InfluxDB for backtests and the console: one measurement, a time range
 * {@code [from, to)} and optionally one station, zone or other tag. Values are bound parameters;
 * measurement and tag names come from the schema only. Blocking: call from a worker thread.
 */
public final class InfluxQueries {

    private static final Set<String> MEASUREMENTS = Set.of(PointMapper.GAUGE_LEVEL, PointMapper.RAINFALL,
            PointMapper.HERD_POSITION, PointMapper.REPORT, PointMapper.ALERT, PointMapper.DELIVERY, PointMapper.PIPELINE);
    private static final Set<String> TAGS = Set.of("station", "zone", "herd", "species", "source", "verified", "type",
            "rule", "rule_type", "hazard", "severity", "state", "level", "status", "channel", "recipient", "step", "stage");

    private static final Pattern READ_ONLY = Pattern.compile("(?is)\\s*(SELECT|SHOW)\\s.*");
    private static final Pattern INTO = Pattern.compile("(?i)\\bINTO\\b");

    /** One point read back: its time and its tags and fields by name (numbers as Double, as InfluxDB's JSON has them). */
    public record Row(Instant time, Map<String, Object> values) {
        public String string(String name) {
            Object v = values.get(name);
            return v == null ? null : v.toString();
        }

        public Double number(String name) {
            Object v = values.get(name);
            return v instanceof Number n ? n.doubleValue() : null;
        }
    }

    private final InfluxDB influx;
    private final String database;

    public InfluxQueries(InfluxDB influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** River levels of one station, oldest first. */
    public List<Row> gaugeLevels(String station, Instant from, Instant to) {
        return select(PointMapper.GAUGE_LEVEL, "station", station, from, to);
    }

    /** Rainfall of one station, oldest first. */
    public List<Row> rainfall(String station, Instant from, Instant to) {
        return select(PointMapper.RAINFALL, "station", station, from, to);
    }

    /** Alert lifecycle events of one zone (null: every zone), oldest first. */
    public List<Row> alerts(String zone, Instant from, Instant to) {
        return select(PointMapper.ALERT, "zone", zone, from, to);
    }

    /** Community reports of one zone (null: every zone), oldest first. */
    public List<Row> reports(String zone, Instant from, Instant to) {
        return select(PointMapper.REPORT, "zone", zone, from, to);
    }

    /** Every point of a measurement in {@code [from, to)} whose tag equals value (tag or value null: no tag filter). */
    public List<Row> select(String measurement, String tag, String value, Instant from, Instant to) {
        if (!MEASUREMENTS.contains(measurement)) {
            throw new IllegalArgumentException("unknown measurement " + measurement);
        }
        if (tag != null && !TAGS.contains(tag)) {
            throw new IllegalArgumentException("unknown tag " + tag);
        }
        StringBuilder q = new StringBuilder("SELECT * FROM \"").append(measurement)
                .append("\" WHERE time >= ").append(nanos(from)).append(" AND time < ").append(nanos(to));
        if (tag != null && value != null) {
            q.append(" AND \"").append(tag).append("\" = $value");
        }
        q.append(" ORDER BY time ASC");
        BoundParameterQuery.QueryBuilder b = BoundParameterQuery.QueryBuilder.newQuery(q.toString()).forDatabase(database);
        if (tag != null && value != null) {
            b.bind("value", value);
        }
        return rows(run(b.create()));
    }

    /**
     * Runs one read-only InfluxQL statement ({@code SELECT} or {@code SHOW}, no {@code INTO}, no
     * second statement) against the database, for the console's ad-hoc charts.
     *
     * @throws IllegalArgumentException for anything that could change data
     */
    public List<Row> query(String influxQl) {
        if (!READ_ONLY.matcher(influxQl).matches() || influxQl.contains(";") || INTO.matcher(influxQl).find()) {
            throw new IllegalArgumentException("only one SELECT or SHOW statement (without INTO) is allowed");
        }
        return rows(run(new Query(influxQl, database)));
    }

    /** Runs a query; a database that does not exist yet (nothing written so far) reads as empty. */
    private QueryResult run(Query query) {
        QueryResult r;
        try {
            r = influx.query(query);
        } catch (InfluxDBException.DatabaseNotFoundException e) {
            return new QueryResult();
        }
        String error = r.getError();
        if (error == null && r.getResults() != null) {
            error = r.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst().orElse(null);
        }
        if (error != null && error.startsWith("database not found")) {
            return new QueryResult();
        }
        if (error != null) {
            throw new InfluxDBException(error);
        }
        return r;
    }

    private static List<Row> rows(QueryResult r) {
        if (r.getResults() == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (QueryResult.Result result : r.getResults()) {
            if (result.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : result.getSeries()) {
                for (List<Object> values : s.getValues()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (s.getTags() != null) {
                        m.putAll(s.getTags());
                    }
                    Instant time = null;
                    for (int i = 0; i < s.getColumns().size(); i++) {
                        String col = s.getColumns().get(i);
                        Object v = values.get(i);
                        if ("time".equals(col)) {
                            time = v == null ? null : Instant.parse(v.toString());
                        } else if (v != null) {
                            m.put(col, v);
                        }
                    }
                    rows.add(new Row(time, Collections.unmodifiableMap(m)));
                }
            }
        }
        return rows;
    }

    private static long nanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }
}
