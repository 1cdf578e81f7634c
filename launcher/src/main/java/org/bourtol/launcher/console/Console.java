package org.bourtol.launcher.console;

import io.vertx.ext.web.Router;
import java.time.ZoneId;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.timeseries.query.InfluxQueries;
import org.bourtol.timeseries.sink.InfluxWriter;
import org.influxdb.InfluxDB;

/**
 * The officers' console: its files ({@code GET /}, see {@link ConsoleAssets}) and the APIs only it needs
 * ({@link ConsoleApi}, {@link TriageApi}, {@link OutcomesApi}, {@link ReportsApi}), over topic readers ({@link ConsoleData}). The browser keeps the
 * bearer token in memory only and sends it in the Authorization header (never a cookie), so writes are
 * not open to cross-site request forgery. docs/console.md describes the views.
 */
public final class Console implements AutoCloseable {

    private final ConsoleData data;
    private final Publisher publisher;
    private final OutcomesApi outcomes;
    private final InfluxDB influx;

    private Console(ConsoleData data, Publisher publisher, OutcomesApi outcomes, InfluxDB influx) {
        this.data = data;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.influx = influx;
    }

    /**
     * Mounts the console on {@code router} and starts its topic readers.
     *
     * @param settle a month's settling time (reports)
     * @param influx InfluxDB, where the gauge charts read readings older than the observations topic gives (null: not configured)
     */
    public static Console start(Router router, ApiAuth auth, KafkaClients kafka, ZoneId timezone, java.time.Duration settle,
                                BourtolConfig.Influx influx) {
        new ConsoleAssets().mount(router);
        ConsoleData data = new ConsoleData(kafka);
        Publisher publisher = new Publisher(kafka, "bourtol-console");
        InfluxDB client = influx == null || influx.url() == null ? null : InfluxWriter.connect(influx);
        GaugeHistory gauges = new GaugeHistory(data, client == null ? null : new InfluxQueries(client, influx.database()));
        new ConsoleApi(data, gauges, timezone).mount(router, auth);
        new TriageApi(data, publisher).mount(router, auth);
        new ReportsApi(kafka, timezone, settle).mount(router, auth);
        OutcomesApi outcomes = new OutcomesApi(kafka, data, publisher);
        outcomes.mount(router, auth);
        data.start();
        return new Console(data, publisher, outcomes.start(), client);
    }

    @Override
    public void close() {
        outcomes.close();
        data.close();
        publisher.close();
        if (influx != null) {
            influx.close();
        }
    }
}
