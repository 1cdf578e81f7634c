package org.bourtol.timeseries;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.platform.Component;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.timeseries.sink.InfluxSink;
import org.bourtol.timeseries.sink.InfluxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The InfluxDB sink: observations, alert events and deliveries from Kafka into InfluxDB time series
 * (schema in {@code docs/timeseries.md}). Off when {@code influx.url} is not set, and {@code /health}
 * then reports {@code influx: DISABLED}. The consumer loop runs on its own thread; nothing here
 * blocks an event loop, and ingest and rules never wait on InfluxDB.
 */
public final class TimeSeriesComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesComponent.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final BourtolConfig.Influx config;
    private final KafkaClients kafka;
    private final MeterRegistry metrics;
    private volatile InfluxWriter writer;
    private volatile InfluxSink sink;
    private Thread thread;

    public TimeSeriesComponent(Vertx vertx, BourtolConfig config, KafkaClients kafka, MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config.influx();
        this.kafka = kafka;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "timeseries";
    }

    @Override
    public Future<Void> start() {
        if (!config.enabled()) {
            log.info("influx sink disabled [reason: no influx.url / BOURTOL_INFLUX_URL]");
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            writer = new InfluxWriter(config);
            sink = new InfluxSink(kafka.consumer(InfluxSink.GROUP), writer,
                    new InfluxSink.Settings(config.batchSize(), config.flushInterval(), MIN_BACKOFF, MAX_BACKOFF), metrics);
            thread = new Thread(sink, "bourtol-influx-sink");
            thread.setDaemon(true);
            thread.start();
            log.info("influx sink started [url: {}, database: {}, batch: {}, flush: {}]",
                    config.url(), config.database(), config.batchSize(), config.flushInterval());
            return null;
        });
    }

    @Override
    public Future<Void> stop() {
        if (sink == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            sink.stop();
            thread.join(Duration.ofSeconds(10).toMillis());
            writer.close();
            return null;
        });
    }

    @Override
    public void registerHealth(HealthRegistry health) {
        health.register("influx", () -> {
            if (!config.enabled()) {
                return HealthRegistry.Status.disabled("no influx.url configured");
            }
            InfluxSink s = sink;
            return s == null ? HealthRegistry.Status.up("starting") : s.health();
        });
    }

    /** The running sink (null before start or when disabled); for tests and the console. */
    public InfluxSink sink() {
        return sink;
    }
}
