package org.bourtol.timeseries.query;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guards run before any request: the client points at a closed port. */
class InfluxQueriesTest {

    private final InfluxDB client = InfluxDBFactory.connect("http://127.0.0.1:9");
    private final InfluxQueries queries = new InfluxQueries(client, "bourtol");

    @AfterEach
    void close() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP DATABASE bourtol", "SELECT * INTO other FROM gauge_level", "SELECT 1; DROP DATABASE bourtol",
        "DELETE FROM gauge_level", "CREATE USER x WITH PASSWORD 'y'", "  select * into x from y"})
    @DisplayName("ad-hoc queries are read-only")
    void rejectsWrites(String statement) {
        assertThrows(IllegalArgumentException.class, () -> queries.query(statement));
    }

    @Test
    @DisplayName("measurement and tag names come from the schema only")
    void rejectsUnknownNames() {
        Instant t = Instant.parse("2026-09-01T00:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> queries.select("users", "station", "x", t, t));
        assertThrows(IllegalArgumentException.class, () -> queries.select("gauge_level", "x\" OR 1=1", "x", t, t));
    }
}
