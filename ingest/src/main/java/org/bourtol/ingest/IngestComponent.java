package org.bourtol.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.platform.Component;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.KafkaClients;

/** Ingest: MQTT, SMS webhook and HTTP observations into Kafka, plus the reporter and token directories. */
public final class IngestComponent implements Component {

    private final Vertx vertx;
    private final Router router;
    private final BourtolConfig config;
    private final KafkaClients kafka;
    private final ApiAuth auth;
    private final MeterRegistry metrics;
    private final Pseudonyms pseudonyms;

    public IngestComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                           MeterRegistry metrics, Pseudonyms pseudonyms) {
        this.vertx = vertx;
        this.router = router;
        this.config = config;
        this.kafka = kafka;
        this.auth = auth;
        this.metrics = metrics;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public String name() {
        return "ingest";
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
