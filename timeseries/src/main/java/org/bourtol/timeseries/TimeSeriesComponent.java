package org.bourtol.timeseries;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.platform.Component;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.kafka.KafkaClients;

/** The InfluxDB sink: observations, alerts and deliveries from Kafka to InfluxDB time series. */
public final class TimeSeriesComponent implements Component {

    private final Vertx vertx;
    private final BourtolConfig config;
    private final KafkaClients kafka;
    private final MeterRegistry metrics;

    public TimeSeriesComponent(Vertx vertx, BourtolConfig config, KafkaClients kafka, MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "timeseries";
    }

    @Override
    public Future<Void> start() {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        return Future.succeededFuture();
    }

    @Override
    public void registerHealth(HealthRegistry health) {
        health.register("influx", () -> HealthRegistry.Status.disabled("no influx.url configured"));
    }
}
