package org.bourtol.timeseries.sink;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.bourtol.contracts.config.BourtolConfig;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One InfluxDB connection over the v1 HTTP API (InfluxDB 1.x, and the v1 compatibility API of 2.x and
 * 3.x). Creates the database and the {@code bourtol} retention policy (made the default, so writes
 * and queries need not name it) when they are missing; servers that do not accept InfluxQL management
 * statements (2.x, 3.x) are expected to have the database/bucket mapping provisioned, which is logged.
 * Authentication: user and password, or a token sent as {@code Authorization: Token …}.
 * Blocking: call from the sink thread or a worker, never from an event loop.
 */
public final class InfluxWriter implements AutoCloseable {

    /** The retention policy Bourtol creates and makes the database's default. */
    public static final String RETENTION_POLICY = "bourtol";

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);

    private final BourtolConfig.Influx config;
    private final InfluxDB influx;
    private volatile boolean prepared;

    public InfluxWriter(BourtolConfig.Influx config) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("influx.url (BOURTOL_INFLUX_URL) is not set");
        }
        this.config = config;
        this.influx = connect(config);
    }

    /** A client for the configured server (also used by {@code InfluxQueries}). */
    public static InfluxDB connect(BourtolConfig.Influx config) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS);
        if (config.token() != null) {
            String header = "Token " + config.token();
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
        }
        InfluxDB client = config.username() != null
                ? InfluxDBFactory.connect(config.url(), config.username(), config.password() == null ? "" : config.password(), http)
                : InfluxDBFactory.connect(config.url(), http);
        client.setLogLevel(InfluxDB.LogLevel.NONE);
        return client;
    }

    public String database() {
        return config.database();
    }

    public InfluxDB client() {
        return influx;
    }

    /**
     * Writes the points as one request. Returns normally when InfluxDB accepted the batch; points it
     * rejects for good (field type conflict, beyond the retention policy, unparseable) are dropped by
     * InfluxDB while it keeps the rest ("partial write"), which is reported as {@link PartialWrite}.
     * Anything else (connection refused, timeout, 5xx, database missing) throws, to be retried.
     */
    public void write(List<Point> points) {
        if (!prepared) {
            prepare();
        }
        BatchPoints batch = BatchPoints.database(config.database()).precision(TimeUnit.NANOSECONDS).points(points).build();
        try {
            influx.write(batch);
        } catch (InfluxDBException.FieldTypeConflictException | InfluxDBException.PointsBeyondRetentionPolicyException
                | InfluxDBException.UnableToParseException e) {
            throw new PartialWrite(e.getMessage());
        } catch (InfluxDBException.DatabaseNotFoundException e) {
            prepared = false;
            throw e;
        }
    }

    /** Checks that the server answers (and prepares the database once); throws when it does not. */
    public void check() {
        if (!prepared) {
            prepare();
        }
        if (!influx.ping().isGood()) {
            throw new InfluxDBException("ping failed");
        }
    }

    /** Creates the database and retention policy if missing; idempotent. */
    void prepare() {
        String db = quote(config.database());
        String duration = config.retention() == null ? "INF" : config.retention();
        try {
            run("CREATE DATABASE " + db);
            QueryResult policies = influx.query(new Query("SHOW RETENTION POLICIES ON " + db));
            boolean exists = policies.getResults() != null && policies.getResults().stream()
                    .filter(r -> r.getSeries() != null).flatMap(r -> r.getSeries().stream())
                    .filter(s -> s.getValues() != null).flatMap(s -> s.getValues().stream())
                    .anyMatch(row -> RETENTION_POLICY.equals(row.get(0)));
            run((exists ? "ALTER RETENTION POLICY " : "CREATE RETENTION POLICY ") + quote(RETENTION_POLICY) + " ON " + db
                    + " DURATION " + duration + (exists ? "" : " REPLICATION 1") + " DEFAULT");
            log.info("influx database ready [url: {}, database: {}, retention: {}]", config.url(), config.database(), duration);
        } catch (InfluxDBIOException e) {
            throw e;
        } catch (InfluxDBException e) {
            log.warn("influx database not managed by Bourtol, expecting it to exist [database: {}, reason: {}]",
                    config.database(), e.getMessage());
        }
        prepared = true;
    }

    private void run(String statement) {
        QueryResult r = influx.query(new Query(statement));
        String error = r.getError() != null ? r.getError()
                : r.getResults() == null ? null
                        : r.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst().orElse(null);
        if (error != null) {
            throw new InfluxDBException(statement + ": " + error);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        influx.close();
    }

    /** InfluxDB accepted the batch but dropped some points for good; retrying would not help. */
    public static final class PartialWrite extends RuntimeException {
        PartialWrite(String message) {
            super(message);
        }
    }
}
