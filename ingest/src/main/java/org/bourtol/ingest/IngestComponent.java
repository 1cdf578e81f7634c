package org.bourtol.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.directory.Reporter;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.directory.AlertCodes;
import org.bourtol.ingest.directory.GazetteerSource;
import org.bourtol.ingest.directory.ReporterDirectory;
import org.bourtol.ingest.http.ObservationsApi;
import org.bourtol.ingest.http.ReportersApi;
import org.bourtol.ingest.http.TokensApi;
import org.bourtol.ingest.mqtt.MqttIngest;
import org.bourtol.ingest.mqtt.MqttMessageParser;
import org.bourtol.ingest.publish.DurableOutbox;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.ingest.publish.SeenIds;
import org.bourtol.ingest.publish.Spool;
import org.bourtol.ingest.sms.RateLimiter;
import org.bourtol.ingest.sms.SeenMessages;
import org.bourtol.ingest.sms.SmsIngest;
import org.bourtol.ingest.sms.SmsWebhook;
import org.bourtol.ingest.validation.ObservationReader;
import org.bourtol.platform.Component;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest: MQTT (Paho, acks after Kafka), the Twilio SMS webhooks, {@code POST /api/v1/observations},
 * the reporter directory and token APIs. Routes are mounted at construction; local state (spool,
 * seen MessageSids, ids of MQTT messages already on Kafka) lives under {@code dataDir/spool} and
 * {@code dataDir/ingest}.
 */
public final class IngestComponent implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(IngestComponent.class);

    private final Vertx vertx;
    private final BourtolConfig config;
    private final Publisher sink;
    private final Spool spool;
    private final DurableOutbox outbox;
    private final SeenMessages seen;
    private final SeenIds mqttPublished;
    private final ReporterDirectory reporters = new ReporterDirectory();
    private final GazetteerSource gazetteer = new GazetteerSource();
    private final AlertCodes alertCodes = new AlertCodes();
    private final TokensApi tokensApi;
    private final List<TopicTable<?>> caches = new ArrayList<>();
    private final KafkaClients kafka;
    private final MqttIngest mqtt;

    public IngestComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                           MeterRegistry metrics, Pseudonyms pseudonyms) {
        this.vertx = vertx;
        this.config = config;
        this.kafka = kafka;
        Clock clock = Clock.systemUTC();
        this.sink = new Publisher(kafka, "bourtol-ingest", metrics, Publisher.FAIL_FAST);
        this.spool = new Spool(config.dataDir().resolve("spool"));
        this.outbox = new DurableOutbox(vertx, sink, spool, config.ingest().spoolDrainInterval());
        this.seen = new SeenMessages(config.dataDir().resolve("ingest"), 200_000, Duration.ofDays(7), clock.instant());
        Gauge.builder("bourtol.ingest.spool.size", spool, Spool::size).description("records waiting in the local spool").register(metrics);

        SmsIngest sms = new SmsIngest(vertx, gazetteer, pseudonyms, reporters::byPseudonym,
                new RateLimiter(config.ingest().smsPerSenderPerHour(), Duration.ofHours(1)), seen, outbox, clock, metrics).withAlerts(alertCodes::byCode)
                .withReplyCap(config.ingest().maxRepliesPerHour() == 0 ? null
                        : new RateLimiter(config.ingest().maxRepliesPerHour(), Duration.ofHours(1)));
        new SmsWebhook(config.twilio().authToken(), config.http().publicUrl(), sms, outbox, clock, metrics).mount(router);
        ObservationReader reader = new ObservationReader(gazetteer);
        new ObservationsApi(auth, reader, sink, pseudonyms, config.http().maxBodyBytes(), config.ingest().maxBatchItems(), clock, metrics)
                .mount(router);
        new ReportersApi(auth, reporters, pseudonyms, sink, clock).mount(router);
        this.tokensApi = new TokensApi(auth, sink, clock);
        tokensApi.mount(router);

        MqttMessageParser parser = new MqttMessageParser(config.mqtt().prefix(), config.mqtt().maxPayloadBytes(), reader, pseudonyms,
                id -> reporters.byPseudonym(id).map(Reporter::verified).orElse(false), id -> gazetteer.get().byId(id) != null);
        this.mqttPublished = config.mqtt().url() == null ? null
                : new SeenIds(config.dataDir().resolve("ingest"), "mqtt-published.log", 50_000, Duration.ofDays(7), clock.instant());
        this.mqtt = mqttPublished == null ? null : new MqttIngest(vertx, config.mqtt(), parser, sink, mqttPublished, clock, metrics);
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public void registerHealth(HealthRegistry health) {
        health.register("ingest-mqtt", () -> mqtt == null ? HealthRegistry.Status.disabled("no MQTT url configured")
                : mqtt.subscribed() ? HealthRegistry.Status.up("subscribed at " + config.mqtt().url() + ", " + mqtt.received() + " messages received")
                        : HealthRegistry.Status.down("not connected to " + config.mqtt().url()));
        health.register("ingest-spool", () -> HealthRegistry.Status.up(spool.size() + " records spooled"
                + (sink.available() ? "" : ", kafka unavailable")));
    }

    @Override
    public Future<Void> start() {
        TopicTable<Zone> zones = new TopicTable<>(kafka, Topics.ZONES).onChange(gazetteer::apply);
        TopicTable<Reporter> reporterCache = new TopicTable<>(kafka, Topics.REPORTERS).onChange(reporters::apply);
        TopicTable<ApiToken> tokens = new TopicTable<>(kafka, Topics.TOKENS).onChange(tokensApi::apply);
        TopicTable<org.bourtol.contracts.alert.AlertEvent> alerts = new TopicTable<>(kafka, Topics.ALERTS).onChange(alertCodes::apply);
        caches.addAll(List.of(zones.start(), reporterCache.start(), tokens.start(), alerts.start()));
        return vertx.executeBlocking(() -> {
            for (TopicTable<?> c : caches) {
                if (!c.awaitCaughtUp(Duration.ofSeconds(20))) {
                    LOG.warn("directory not loaded in time, starting anyway");
                }
            }
            LOG.info("ingest directories loaded [zones: {}, reporters: {}]", zones.all().size(), reporterCache.all().size());
            return null;
        }).compose(v -> mqtt == null ? Future.succeededFuture() : mqtt.start());
    }

    @Override
    public Future<Void> stop() {
        Future<Void> m = mqtt == null ? Future.succeededFuture() : mqtt.stop();
        return m.eventually(() -> vertx.executeBlocking(() -> {
            outbox.close();
            caches.forEach(TopicTable::close);
            sink.close();
            spool.close();
            seen.close();
            if (mqttPublished != null) {
                mqttPublished.close();
            }
            return null;
        }));
    }
}
