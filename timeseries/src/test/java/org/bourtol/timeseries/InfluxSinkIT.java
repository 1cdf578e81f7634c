package org.bourtol.timeseries;

import org.bourtol.contracts.alert.AlertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.Metrics;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.bourtol.timeseries.metrics.PrometheusProbe;
import org.bourtol.timeseries.query.InfluxQueries;
import org.bourtol.timeseries.sink.InfluxSink;
import org.bourtol.timeseries.sink.InfluxWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sink against Debian's real influxd (child process) and the shared embedded Kafka. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InfluxSinkIT {

    static final Instant T0 = Instant.parse("2026-09-01T06:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PHONE = "+22376123456";

    static Influxd influx;
    static Publisher publisher;
    static Vertx vertx;
    final String run = RunId.next();

    @BeforeAll
    static void start() {
        influx = Influxd.start();
        publisher = new Publisher(SharedKafka.clients(), "timeseries-it");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    @DisplayName("gauge readings, an alert and a delivery land in their measurements with the right tags; re-delivery changes nothing; /metrics moves")
    void recordsLandWithTags() throws Exception {
        String station = "st-" + run;
        BourtolConfig config = ConfigLoader.load("", Map.of("BOURTOL_KAFKA_BOOTSTRAP", SharedKafka.bootstrap(),
                "BOURTOL_INFLUX_URL", influx.url(), "BOURTOL_INFLUX_DATABASE", "it_tags", "BOURTOL_INFLUX_RETENTION", "INF",
                "BOURTOL_INFLUX_FLUSH_INTERVAL", "PT0.2S"));
        Metrics metrics = new Metrics();
        HealthRegistry health = new HealthRegistry();
        TimeSeriesComponent component = new TimeSeriesComponent(vertx, config, SharedKafka.clients(), metrics.registry());
        component.registerHealth(health);
        await(component.start());
        double pointsBefore = PrometheusProbe.points(metrics.scrape(), "gauge_level");
        try {
            List<GaugeReading> gauges = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                gauges.add(new GaugeReading("g-" + run + "-" + i, Source.SMS, T0.plusSeconds(600L * i), T0.plusSeconds(600L * i + 3),
                        "r-00aa11bb22cc33dd", true, station, 600 + 20 * i));
            }
            for (GaugeReading g : gauges) {
                await(publisher.publish(Topics.OBSERVATIONS, station, g));
            }
            InfluxQueries q = new InfluxQueries(InfluxWriter.connect(config.influx()), "it_tags");
            Instant from = T0.minusSeconds(3600);
            Instant to = T0.plusSeconds(7200);
            Poll.until(WAIT, "3 gauge points", () -> q.gaugeLevels(station, from, to).size() == 3);
            // in production the alert follows its observations and the delivery its alert; the test keeps that order
            AlertEvent raised = alertEvent(station, AlertEventType.RAISED, 1, gauges.get(2).id());
            await(publisher.publish(Topics.ALERTS, raised.alertId(), raised));
            Poll.until(WAIT, "the alert point", () -> q.alerts(station, from, to).size() == 1);
            Delivery sent = Delivery.intent("d-" + run, List.of(raised.alertId()), "RAISED", "rcp-" + run, "+223****3456", 1,
                    T0.plusSeconds(1260), null).outcome(DeliveryStatus.SENT, T0.plusSeconds(1260), "SM" + run, null, null, 1);
            await(publisher.publish(Topics.DELIVERIES, sent.deliveryId(), sent));
            Poll.until(WAIT, "the delivery point", () -> q.select("delivery", "recipient", "rcp-" + run, from, to).size() == 1);

            List<InfluxQueries.Row> levels = q.gaugeLevels(station, from, to);
            assertEquals(List.of(600.0, 620.0, 640.0), levels.stream().map(r -> r.number("level_cm")).toList());
            assertEquals("sms", levels.get(0).string("source"));
            assertEquals("true", levels.get(0).string("verified"));
            assertEquals(T0.toEpochMilli(), levels.get(0).time().toEpochMilli());
            InfluxQueries.Row alert = q.alerts(station, from, to).get(0);
            assertEquals("gauge-" + station, alert.string("rule"));
            assertEquals("flood", alert.string("hazard"));
            assertEquals("Severe", alert.string("severity"));
            assertEquals("raised", alert.string("type"));
            assertEquals("active", alert.string("state"));
            assertEquals(raised.alertId(), alert.string("alert_id"));
            InfluxQueries.Row delivery = q.select("delivery", "recipient", "rcp-" + run, from, to).get(0);
            assertEquals("sent", delivery.string("status"));
            assertEquals("sms", delivery.string("channel"));
            Poll.until(WAIT, "pipeline latency points", () -> q.select("pipeline", "zone", station, from, to).size() == 1
                    && q.query("SELECT * FROM pipeline WHERE stage = 'alert_delivery' AND delivery_id = 'd-" + run + "'").size() == 1);
            assertEquals(51_000.0, q.select("pipeline", "zone", station, from, to).get(0).number("event_latency_ms"));
            InfluxQueries.Row e2e = q.query("SELECT * FROM pipeline WHERE stage = 'alert_delivery' AND delivery_id = 'd-" + run + "'").get(0);
            assertTrue(e2e.number("end_to_end_ms") > 0, "from the evidence's receipt (T0 + 1203 s) to the delivery record (now)");

            // re-delivery of the same records, then markers behind them on the same partitions
            await(publisher.publish(Topics.OBSERVATIONS, station, gauges.get(0)));
            await(publisher.publish(Topics.ALERTS, raised.alertId(), raised));
            GaugeReading marker = new GaugeReading("g-" + run + "-m", Source.MQTT, T0.plusSeconds(3000), T0.plusSeconds(3000), null, true, station, 650);
            await(publisher.publish(Topics.OBSERVATIONS, station, marker));
            AlertEvent updated = alertEvent(station, AlertEventType.UPDATED, 2, marker.id());
            publishTransactionally(updated);
            Poll.until(WAIT, "the markers", () -> q.gaugeLevels(station, from, to).size() == 4 && q.alerts(station, from, to).size() == 2);
            assertEquals(4, q.gaugeLevels(station, from, to).size(), "a re-delivered reading overwrote itself");
            assertEquals(2, q.alerts(station, from, to).size(), "a re-delivered alert event overwrote itself");

            Poll.until(WAIT, "health UP", () -> "UP".equals(health.snapshot().getJsonObject("components").getJsonObject("influx").getString("status")));
            Poll.until(WAIT, "points counter moved", () -> PrometheusProbe.points(metrics.scrape(), "gauge_level") >= pointsBefore + 4);
            // the transaction marker after the last alert takes an offset but is no record: lag must still reach 0
            Poll.until(WAIT, "lag 0 on /metrics", () -> PrometheusProbe.value(metrics.scrape(), "bourtol_influx_lag_records") == 0);
        } finally {
            await(component.stop());
        }
    }

    @Test
    @DisplayName("InfluxDB stopped during a burst, then restarted: every point arrives once, and publishing never waited")
    void outageBecomesLagAndIsCaughtUp() throws Exception {
        String prefix = "out-" + run + "-";
        try (Sink sink = new Sink("it_outage", 50)) {
            publishBurst(prefix, 0, 100);
            Poll.until(WAIT, "first 100 points", () -> count(sink.queries, prefix) == 100);

            influx.stop();
            try {
                publishBurst(prefix, 100, 400);
                Poll.until(WAIT, "health DOWN", () -> "DOWN".equals(sink.sink.health().state()));
                Poll.until(WAIT, "consumer lag", () -> sink.sink.lag() > 0);
            } finally {
                influx.restart();
            }
            Poll.until(WAIT, "all 400 points", () -> count(sink.queries, prefix) == 400);
            List<InfluxQueries.Row> distinct = sink.queries.query("SELECT count(distinct(observation_id)) FROM gauge_level WHERE station =~ /^" + prefix + "/");
            assertEquals(400.0, distinct.get(0).number("count"), "no observation lost or doubled");
            Poll.until(WAIT, "health UP", () -> "UP".equals(sink.sink.health().state()));
            Poll.until(WAIT, "lag caught up", () -> sink.sink.lag() == 0);
        }
    }

    @Test
    @DisplayName("nothing written to InfluxDB contains a phone number")
    void noPhoneNumbers() throws Exception {
        String zone = "pz-" + run;
        try (Sink sink = new Sink("it_privacy", 100)) {
            CommunityReport report = new CommunityReport("rp-" + run, Source.SMS, T0, T0, "r-00aa11bb22cc33dd", false,
                    ReportType.CLASH, zone, 14.49, -4.19, "conflit, appelez-moi au " + PHONE);
            HerdPosition herd = new HerdPosition("hp-" + run, Source.SMS, T0, T0, "r-00aa11bb22cc33dd", true, "h-" + run,
                    14.5, -4.2, 120, Species.CATTLE, null, null, null, zone, null);
            await(publisher.publish(Topics.OBSERVATIONS, zone, report));
            await(publisher.publish(Topics.OBSERVATIONS, herd.herdId(), herd));
            AlertEvent ack = alertEvent(zone, AlertEventType.ACKNOWLEDGED, 2, report.id());
            await(publisher.publish(Topics.ALERTS, ack.alertId(), ack));
            Delivery failed = Delivery.intent("pd-" + run, List.of(ack.alertId()), "RAISED", "rcp-" + run, PHONE, 1, T0, null)
                    .outcome(DeliveryStatus.FAILED, T0, null, "21211", "The 'To' number " + PHONE + " is not a valid phone number.", 2);
            await(publisher.publish(Topics.DELIVERIES, failed.deliveryId(), failed));

            Instant from = T0.minusSeconds(3600);
            Instant to = T0.plusSeconds(7200);
            Poll.until(WAIT, "every measurement written", () -> sink.queries.reports(zone, from, to).size() == 1
                    && sink.queries.select("herd_position", "herd", herd.herdId(), from, to).size() == 1
                    && sink.queries.alerts(zone, from, to).size() == 1
                    && sink.queries.select("delivery", "recipient", "rcp-" + run, from, to).size() == 1);

            String everything = rawQuery("it_privacy", "SELECT * FROM /.*/") + rawQuery("it_privacy", "SHOW SERIES")
                    + rawQuery("it_privacy", "SHOW TAG VALUES WITH KEY =~ /.*/");
            assertTrue(everything.contains("rcp-" + run), "the dump holds the written data");
            assertFalse(everything.contains("76123456"), "a phone number reached InfluxDB");
            assertFalse(everything.matches("(?s).*\\+\\d{8,15}.*"), "an E.164 number reached InfluxDB");
        }
    }

    @Test
    @DisplayName("the database and the default retention policy are created when missing, and the duration follows the config")
    void createsDatabaseAndRetentionPolicy() throws Exception {
        String db = "it_rp_" + run.replace('-', '_');
        try (InfluxWriter w = new InfluxWriter(new BourtolConfig.Influx(influx.url(), db, null, null, null, "52w", 10, Duration.ofSeconds(1)))) {
            w.check();
        }
        String policies = rawQuery(db, "SHOW RETENTION POLICIES ON \"" + db + "\"");
        assertTrue(policies.contains("[\"bourtol\",\"8736h0m0s\","), policies);
        assertTrue(policies.matches("(?s).*\\[\"bourtol\",[^\\]]*true\\].*"), "bourtol is the default policy: " + policies);
        try (InfluxWriter w = new InfluxWriter(new BourtolConfig.Influx(influx.url(), db, null, null, null, "26w", 10, Duration.ofSeconds(1)))) {
            w.check();
        }
        assertTrue(rawQuery(db, "SHOW RETENTION POLICIES ON \"" + db + "\"").contains("[\"bourtol\",\"4368h0m0s\","), "altered");
    }

    /** A sink on its own thread with a fresh consumer group, writing to one database. */
    private final class Sink implements AutoCloseable {
        final InfluxWriter writer;
        final InfluxSink sink;
        final InfluxQueries queries;
        final Thread thread;

        Sink(String database, int batchSize) {
            BourtolConfig.Influx config = new BourtolConfig.Influx(influx.url(), database, null, null, null, "INF", batchSize, Duration.ofMillis(100));
            writer = new InfluxWriter(config);
            sink = new InfluxSink(SharedKafka.clients().consumer("timeseries-it-" + run), writer,
                    new InfluxSink.Settings(batchSize, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1)),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            queries = new InfluxQueries(writer.client(), database);
            thread = new Thread(sink, "it-sink-" + database);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            sink.stop();
            thread.join(15_000);
            writer.close();
        }
    }

    /** As rules publishes (Kafka Streams, exactly-once): inside a transaction, which leaves a commit marker. */
    private void publishTransactionally(AlertEvent event) {
        Properties p = SharedKafka.clients().producer("timeseries-it-tx");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "timeseries-it-tx-" + run);
        try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(p)) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(Topics.ALERTS.name(), event.alertId().getBytes(StandardCharsets.UTF_8),
                    Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), event)));
            tx.commitTransaction();
        }
    }

    private void publishBurst(String prefix, int from, int to) throws Exception {
        List<Future<?>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String station = prefix + (i % 3);
            Observation g = new GaugeReading(prefix + "obs-" + i, Source.MQTT, T0.plusSeconds(i), T0.plusSeconds(i), null, true, station, 300 + i % 100);
            acks.add(publisher.publish(Topics.OBSERVATIONS, station, g));
        }
        for (Future<?> f : acks) {
            await(f);
        }
    }

    private static long count(InfluxQueries q, String prefix) {
        List<InfluxQueries.Row> rows = q.query("SELECT count(level_cm) FROM gauge_level WHERE station =~ /^" + prefix + "/");
        return rows.isEmpty() ? 0 : rows.get(0).number("count").longValue();
    }

    private static String rawQuery(String db, String q) throws Exception {
        URI uri = URI.create(influx.url() + "/query?db=" + db + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static AlertEvent alertEvent(String zone, AlertEventType type, int seq, String observationId) {
        String id = "a-" + zone;
        Alert.Builder b = Alert.builder().id(id, "K" + seq).rule("gauge-" + zone, "gauge-level").hazard(Hazard.FLOOD).zone(zone, zone, null)
                .state(AlertState.ACTIVE).severity(Severity.Severe).level("red").headline(Map.of("fr", "Crue")).raisedAt(T0.plusSeconds(1250))
                .updatedAt(T0.plusSeconds(1250L + seq)).outcome("joint au " + PHONE)
                .evidence(List.of(new Evidence(observationId, "gauge", T0.plusSeconds(1200), "640 cm", "r-00aa11bb22cc33dd")));
        Alert a = (type == AlertEventType.ACKNOWLEDGED ? b.acknowledged(PHONE, T0) : b).build();
        return new AlertEvent(id + "/" + type + "/" + seq, id, type, seq, T0.plusSeconds(1250L + seq), a, "escalade " + PHONE);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
