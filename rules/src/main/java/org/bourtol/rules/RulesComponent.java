package org.bourtol.rules;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.platform.Component;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.KafkaClients;

/** The rules engine: zones and rules APIs, Kafka Streams evaluation and the alert lifecycle. */
public final class RulesComponent implements Component {

    private final Vertx vertx;
    private final Router router;
    private final BourtolConfig config;
    private final KafkaClients kafka;
    private final ApiAuth auth;
    private final MeterRegistry metrics;

    public RulesComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                          MeterRegistry metrics) {
        this.vertx = vertx;
        this.router = router;
        this.config = config;
        this.kafka = kafka;
        this.auth = auth;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Future<Void> start() {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        return Future.succeededFuture();
    }
}
