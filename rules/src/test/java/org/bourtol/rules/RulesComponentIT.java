package org.bourtol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.bourtol.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rules component against the shared embedded Kafka, through its HTTP API. */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RulesComponentIT {

    private static final String ADMIN = "it-admin-token";
    private static final String VIEWER = "it-viewer-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String APP_ID = "rules-it-" + UUID.randomUUID();
    private static final String RUN = RunId.next();
    private static Vertx vertx;
    private static HttpServer server;
    private static Router router;
    private static ApiAuth auth;
    private static BourtolConfig config;
    private static RulesComponent component;
    private static Publisher publisher;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        data = Files.createTempDirectory("rules-it");
        config = config("PT0.1S");
        auth = new ApiAuth(ADMIN);
        auth.put(new ApiToken(ApiAuth.sha256(VIEWER), "it-viewer", "viewer", Instant.EPOCH));
        router = Router.router(vertx);
        ApiErrors.install(router);
        server = vertx.createHttpServer().requestHandler(r -> router.handle(r)).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        component = newComponent();
        component.start().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        publisher = new Publisher(SharedKafka.clients(), "rules-it");
    }

    private static BourtolConfig config(String updateInterval) {
        return ConfigLoader.load("", Map.of(
                ConfigLoader.envName("kafka.bootstrap"), SharedKafka.bootstrap(),
                "BOURTOL_DATA_DIR", data.toString(),
                ConfigLoader.envName("rules.applicationId"), APP_ID,
                ConfigLoader.envName("rules.grace"), "PT6H",
                ConfigLoader.envName("rules.updateInterval"), updateInterval));
    }

    private static RulesComponent newComponent() {
        return newComponent(config);
    }

    private static RulesComponent newComponent(BourtolConfig with) {
        router.clear();
        ApiErrors.install(router);
        return new RulesComponent(vertx, router, with, SharedKafka.clients(), auth, new SimpleMeterRegistry());
    }

    private static void restart(BourtolConfig with) throws Exception {
        component.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        component = newComponent(with);
        component.start().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    /** Waits until the rules have consumed and committed every observation published so far. */
    private static void consumed() throws Exception {
        try (Admin admin = Admin.create(SharedKafka.clients().common())) {
            Map<TopicPartition, OffsetSpec> partitions = new java.util.HashMap<>();
            admin.describeTopics(List.of(Topics.OBSERVATIONS.name())).allTopicNames().get().get(Topics.OBSERVATIONS.name()).partitions()
                    .forEach(p -> partitions.put(new TopicPartition(Topics.OBSERVATIONS.name(), p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new java.util.HashMap<>();
            admin.listOffsets(partitions).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            Poll.until(Duration.ofSeconds(30), "the rules committed every observation", () -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get();
                    return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                            || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @AfterAll
    static void stop() throws Exception {
        component.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        publisher.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    @Order(1)
    void firstStartLoadsTheDefaultDataset() throws Exception {
        Poll.until(Duration.ofSeconds(30), "default zones readable", () -> get("/api/v1/zones/niamey").statusCode() == 200);
        JsonNode niamey = json(get("/api/v1/zones/niamey"));
        assertEquals(620, niamey.at("/properties/levels/danger").asInt());
        Poll.until(Duration.ofSeconds(30), "default rules readable", () -> get("/api/v1/rules/niamey-gauge-level").statusCode() == 200);
    }

    @Test
    @Order(2)
    void badRulesAndZonesAreRefusedWithReasons() throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/rules/it-bad", ADMIN,
                "{'type':'gauge-level','zones':['niamey'],'params':{'warningCm':600,'alertCm':580}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("alert level (580) must be above warning level (600)"), r.body());
        r = call("PUT", "/api/v1/rules/it-bad", ADMIN, "{'type':'gauge-level','zones':['nowhere'],'params':{'alertCm':580}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("zone 'nowhere' does not exist"), r.body());
        r = call("PUT", "/api/v1/rules/it-bad", ADMIN, "{'type':'gauge-levels','zones':['niamey']}");
        assertTrue(r.body().contains("unknown rule type 'gauge-levels'"), r.body());
        r = call("PUT", "/api/v1/rules/it-bad", VIEWER, "{'type':'gauge-level','zones':['niamey'],'params':{'alertCm':580}}");
        assertEquals(403, r.statusCode());
        r = call("PUT", "/api/v1/zones/it-open", ADMIN, "{'type':'Feature','properties':{'kind':'farmland','name':'Open','fieldRelease':'13-40'},"
                + "'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("polygon ring is not closed"), r.body());
        r = call("PUT", "/api/v1/zones/it-bow", ADMIN, "{'type':'Feature','properties':{'kind':'farmland','name':'Bow','fieldRelease':'13-40','parent':'nowhere'},"
                + "'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Self-intersection"), r.body());
        assertTrue(r.body().contains("fieldRelease must be a date"), r.body());
        assertTrue(r.body().contains("parent zone 'nowhere' does not exist"), r.body());
    }

    @Test
    @Order(3)
    void everyRuleVersionIsInItsHistory() throws Exception {
        String id = "it-history-" + RUN;
        put("/api/v1/rules/" + id, "{'type':'gauge-level','zones':['mopti'],'params':{'warningCm':600,'alertCm':650}}", 201);
        visible("/api/v1/rules/" + id);
        HttpResponse<String> r = call("PUT", "/api/v1/rules/" + id, ADMIN,
                "{'type':'gauge-level','zones':['mopti'],'params':{'warningCm':620,'alertCm':650}}");
        assertEquals(200, r.statusCode());
        assertEquals(2, json(r).get("version").asInt());
        Poll.until(Duration.ofSeconds(20), "two versions in history", () -> bodyOf("/api/v1/rules/" + id + "/history").size() == 2);
        JsonNode h = bodyOf("/api/v1/rules/" + id + "/history");
        assertEquals("admin", h.get(1).get("by").asText());
        assertEquals("params.warningCm: 600 -> 620", h.get(1).get("changes").asText());
        assertEquals("created", h.get(0).get("changes").asText());
    }

    @Test
    @Order(4)
    void anObservationBecomesARaisedAlertThatCanBeAcknowledged() throws Exception {
        String station = "it-station-" + RUN;
        createStationAndRule(station);
        JsonNode alert = sendUntilValue("alert raised", () -> {
            JsonNode a = bodyOf("/api/v1/alerts?zone=" + station + "&state=active");
            return a != null && a.size() == 1 ? a.get(0) : null;
        }, round -> publishQuietly(station, 540, Instant.parse("2024-08-10T06:00:00Z").plusSeconds(60L * round)));
        assertEquals("flood", alert.get("hazard").asText());
        assertEquals("Moderate", alert.get("severity").asText());
        String id = alert.get("id").asText();
        assertEquals(202, call("POST", "/api/v1/alerts/" + id + "/ack", ADMIN, null).statusCode());
        Poll.until(Duration.ofSeconds(20), "alert acknowledged", () -> bodyOf("/api/v1/alerts/" + id).get("acknowledged").asBoolean());
        assertEquals(202, call("POST", "/api/v1/alerts/" + id + "/outcome", ADMIN, "{'outcome':'sandbags placed'}").statusCode());
        Poll.until(Duration.ofSeconds(20), "outcome recorded", () -> "sandbags placed".equals(bodyOf("/api/v1/alerts/" + id).path("outcome").asText()));
    }

    @Test
    @Order(5)
    void restartingNeitherLosesNorDuplicatesAlerts() throws Exception {
        String station = "it-restart-" + RUN;
        createStationAndRule(station);
        sendUntil("alert raised", () -> bodyOf("/api/v1/alerts?zone=" + station).size() == 1,
                round -> publishQuietly(station, 545, Instant.parse("2024-08-11T06:00:00Z").plusSeconds(round)));
        component.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        publish(station, 590, "2024-08-11T12:00:00Z");
        component = newComponent();
        component.start().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        publish(station, 630, "2024-08-11T18:00:00Z");
        Poll.until(Duration.ofSeconds(40), "alert escalated to Extreme",
                () -> "Extreme".equals(bodyOf("/api/v1/alerts?zone=" + station).path(0).path("severity").asText()));
        List<AlertEvent> events = alertEvents("it-restart-rule-" + RUN);
        assertEquals(1, events.stream().filter(e -> e.type() == AlertEventType.RAISED).count(), events.toString());
        List<Integer> seqs = events.stream().map(AlertEvent::seq).toList();
        assertEquals(seqs.stream().distinct().toList(), seqs, "no duplicate events");
        assertEquals(AlertEventType.RAISED, events.get(0).type());
        assertTrue(events.stream().skip(1).allMatch(e -> e.type() == AlertEventType.UPDATED), "raised once, then only updated");
        assertTrue(events.stream().anyMatch(e -> e.alert().severity() == org.bourtol.contracts.alert.Severity.Severe),
                "the reading sent while the app was down was not lost");
        assertEquals(1, bodyOf("/api/v1/alerts?zone=" + station).size());
    }

    /**
     * The station readings a rule may still replay are not logged one by one (InputRecovery): a restarted task reads them
     * back from the observations topic, so a late reading after the restart is replayed before them, as without a restart.
     */
    @Test
    @Order(12)
    void aLateReadingAfterARestartIsReplayedBeforeTheReadingsReadBackFromTheTopic() throws Exception {
        String station = "it-late-" + RUN;
        String rule = "it-late-rule-" + RUN;
        put("/api/v1/zones/" + station, "{'type':'Feature','properties':{'kind':'station','name':'IT " + station
                + "','river':'Niger'},'geometry':{'type':'Point','coordinates':[2.1,13.5]}}", 201);
        visible("/api/v1/zones/" + station);
        put("/api/v1/rules/" + rule, "{'type':'rain-accumulation','zones':['" + station + "'],'params':{'thresholdMm':50,'windowHours':24}}", 201);
        visible("/api/v1/rules/" + rule);
        // two days earlier: raises, so that the rule is known to the rules before the readings that count
        sendUntil("the first alert raised", () -> alertEvents(rule).stream().anyMatch(e -> e.type() == AlertEventType.RAISED),
                round -> publishRain(station, 60, Instant.parse("2024-08-10T00:00:00Z").plusSeconds(round)));
        publishRain(station, 30, Instant.parse("2024-08-12T10:00:00Z"));
        publishRain(station, 15, Instant.parse("2024-08-12T11:00:00Z"));
        Poll.until(Duration.ofSeconds(30), "resolved: 45 mm in the last 24 h",
                () -> alertEvents(rule).stream().anyMatch(e -> e.type() == AlertEventType.RESOLVED));
        consumed();
        restart(config);
        // inside the 6 h grace period: replayed before 10:00 and 11:00, 55 mm in the 24 h to 11:00
        publishRain(station, 10, Instant.parse("2024-08-12T09:00:00Z"));
        Poll.until(Duration.ofSeconds(40), "raised again: the late reading counted with the two read back",
                () -> alertEvents(rule).stream().filter(e -> e.type() == AlertEventType.RAISED).count() == 2);
    }

    /**
     * kill -9 leaves the Streams transaction of the dead incarnation open; with in-memory stores the next start has
     * new transactional ids, so without the fence its readers wait for that transaction's timeout (here 10 minutes).
     */
    @Test
    @Order(10)
    void aTransactionACrashedIncarnationLeftOpenIsEndedAtTheNextStart() throws Exception {
        String station = "it-fence-" + RUN;
        createStationAndRule(station, "it-fence-rule-" + RUN);
        component.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String deadId = APP_ID + "-" + UUID.randomUUID() + "-1";
        Properties p = SharedKafka.clients().producer("it-crashed-incarnation");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, deadId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
        try (KafkaProducer<byte[], byte[]> dead = new KafkaProducer<>(p)) {
            dead.initTransactions();
            dead.beginTransaction();
            dead.send(new ProducerRecord<>(Topics.OBSERVATIONS.name(), Topics.OBSERVATIONS.keySerde().serializer().serialize("", station),
                    Topics.OBSERVATIONS.valueSerde().serializer().serialize("", Fixtures.gauge(station, 500, Instant.parse("2024-08-12T06:00:00Z")))))
                    .get(10, TimeUnit.SECONDS);
            // what the crashed incarnation wrote down when it ran
            Files.writeString(config.dataDir().resolve(TransactionFence.FILE), deadId + "\n");
            component = newComponent();
            component.start().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
            publish(station, 600, "2024-08-12T07:00:00Z");
            Poll.until(Duration.ofSeconds(60), "an alert from the reading behind the dead incarnation's open transaction",
                    () -> bodyOf("/api/v1/alerts?zone=" + station).size() == 1);
            TransactionFence written = new TransactionFence(config.dataDir());
            Poll.until(Duration.ofSeconds(30), "this incarnation's transactional ids written down", () -> !written.read().isEmpty()
                    && written.read().stream().allMatch(id -> id.startsWith(APP_ID + "-") && !id.equals(deadId)));
        }
    }

    @Test
    @Order(6)
    void aStationUsedAsUpstreamIsNotDeletedAndTypoedParametersAreRefused() throws Exception {
        String up = "it-up-" + RUN;
        String lead = "it-lead-" + RUN;
        put("/api/v1/zones/" + up, "{'type':'Feature','properties':{'kind':'station','name':'IT upstream'},"
                + "'geometry':{'type':'Point','coordinates':[1.9,14.0]}}", 201);
        visible("/api/v1/zones/" + up);
        HttpResponse<String> r = call("PUT", "/api/v1/rules/" + lead, ADMIN,
                "{'type':'upstream-lead','zones':['niamey'],'params':{'upstream':'nowhere','upstreamCm':600,'travelHours':96}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("upstream station 'nowhere' does not exist"), r.body());
        r = call("PUT", "/api/v1/rules/" + lead, ADMIN,
                "{'type':'upstream-lead','zones':['niamey'],'params':{'upstream':'" + up + "','upstreamCm':600,'travelHours':96,'hysterisisCm':10}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("unknown parameter 'hysterisisCm' (known: upstream, upstreamCm, travelHours, hysteresisCm)"), r.body());
        put("/api/v1/rules/" + lead, "{'type':'upstream-lead','zones':['niamey'],'params':{'upstream':'" + up + "','upstreamCm':600,'travelHours':96}}", 201);
        visible("/api/v1/rules/" + lead);
        r = call("DELETE", "/api/v1/zones/" + up, ADMIN, null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("rule " + lead + " uses it in its parameters"), r.body());
        assertEquals(204, call("DELETE", "/api/v1/rules/" + lead, ADMIN, null).statusCode());
        Poll.until(Duration.ofSeconds(20), "rule gone", () -> get("/api/v1/rules/" + lead).statusCode() == 404);
        assertEquals(204, call("DELETE", "/api/v1/zones/" + up, ADMIN, null).statusCode());
    }

    @Test
    @Order(7)
    void aThresholdChangedThroughTheApiAppliesToTheNextObservation() throws Exception {
        String station = "it-put-" + RUN;
        String rule = "it-put-rule-" + RUN;
        String canary = "it-put-canary-" + RUN;
        put("/api/v1/zones/" + station, "{'type':'Feature','properties':{'kind':'station','name':'IT put',"
                + "'river':'Niger'},'geometry':{'type':'Point','coordinates':[2.2,13.4]}}", 201);
        visible("/api/v1/zones/" + station);
        put("/api/v1/rules/" + rule, "{'type':'gauge-level','zones':['" + station + "'],'params':{'warningCm':600}}", 201);
        // stored after the rule on the one-partition rules topic: when the canary fires on a reading, the
        // topology evaluated that reading with the rule's first version too
        put("/api/v1/rules/" + canary, "{'type':'gauge-level','zones':['" + station + "'],'params':{'warningCm':100}}", 201);
        Instant before = Instant.parse("2024-08-12T06:00:00Z");
        sendUntil("canary alert raised by a 560 cm reading", () -> activeAlertOf(station, canary) != null,
                round -> publishQuietly(station, 560, before.plusSeconds(60L * round)));
        assertEquals(null, activeAlertOf(station, rule), "560 cm is below the first version's 600 cm");

        put("/api/v1/rules/" + rule, "{'type':'gauge-level','zones':['" + station + "'],'params':{'warningCm':550}}", 200);
        Instant after = Instant.parse("2024-08-12T09:00:00Z");
        JsonNode raised = sendUntilValue("alert raised with the new threshold", () -> activeAlertOf(station, rule),
                round -> publishQuietly(station, 560, after.plusSeconds(60L * round)));
        assertEquals("warning", raised.get("level").asText());
        assertEquals("Moderate", raised.get("severity").asText());
        assertTrue(raised.at("/headline/en").asText().contains("550 cm"), raised.toString());
        List<AlertEvent> events = alertEvents(rule);
        assertEquals(AlertEventType.RAISED, events.get(0).type(), events.toString());
        Instant firing = events.get(0).alert().evidence().get(0).observedAt();
        assertTrue(!firing.isBefore(after), "raised by a reading sent after the PUT, not by one before it: " + firing);
    }

    @Test
    @Order(8)
    void aFeatureCollectionImportIsAllOrNothingAndAProtectedPastureNeedsAFieldRelease() throws Exception {
        String commune = "it-commune-" + RUN;
        String pasture = "it-pasture-" + RUN;
        String guard = "it-pasture-guard-" + RUN;
        // the child before its parent: parents may come later in the same file
        HttpResponse<String> r = call("POST", "/api/v1/zones", ADMIN, "{'type':'FeatureCollection','features':["
                + pastureFeature(pasture, commune, null) + ","
                + "{'type':'Feature','id':'" + commune + "','properties':{'kind':'commune','name':'IT commune'},"
                + "'geometry':{'type':'Polygon','coordinates':[[[10,20],[10.2,20],[10.2,20.2],[10,20.2],[10,20]]]}}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(2, json(r).get("imported").asInt());
        visible("/api/v1/zones/" + pasture);
        visible("/api/v1/zones/" + commune);
        assertEquals(commune, bodyOf("/api/v1/zones/" + pasture).at("/properties/parent").asText());
        JsonNode pastures = bodyOf("/api/v1/zones?kind=pasture").get("features");
        assertTrue(pastures.findValuesAsText("id").contains(pasture), pastures.toString());

        String orphan = "it-orphan-" + RUN;
        r = call("POST", "/api/v1/zones", ADMIN, "{'type':'FeatureCollection','features':["
                + "{'type':'Feature','id':'" + orphan + "','properties':{'kind':'market','name':'IT market','capacity':100},"
                + "'geometry':{'type':'Polygon','coordinates':[[[10,20],[10.1,20],[10.1,20.1],[10,20]]]}},"
                + "{'type':'Feature','id':'it-bad-" + RUN + "','properties':{'kind':'farmland','name':'Bad'},"
                + "'geometry':{'type':'Polygon','coordinates':[[[10,20],[10.1,20],[10.1,20.1],[10,20]]]}}]}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("import refused: 1 problem(s); nothing was stored"), r.body());
        assertTrue(r.body().contains("fieldRelease is required"), r.body());
        assertEquals(404, get("/api/v1/zones/" + orphan).statusCode(), "the valid feature of a refused import is not stored");
        assertEquals(400, call("POST", "/api/v1/zones", ADMIN, "{'type':'Feature','id':'x'}").statusCode(), "a Feature is not a collection");

        String reason = "zone '" + pasture + "' (pasture) has no fieldRelease date, so a herd-in-protected-zone rule could never fire there";
        String guardRule = "{'type':'herd-in-protected-zone','zones':['" + pasture + "'],'params':{'alertAt':'zone'}}";
        r = call("PUT", "/api/v1/rules/" + guard, ADMIN, guardRule);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(reason), r.body());
        put("/api/v1/zones/" + pasture, pastureFeature(pasture, commune, "12-15"), 200);
        Poll.until(Duration.ofSeconds(20), "field release visible",
                () -> "12-15".equals(bodyOf("/api/v1/zones/" + pasture).at("/properties/fieldRelease").asText()));
        r = call("PUT", "/api/v1/rules/" + guard, ADMIN, guardRule);
        assertEquals(201, r.statusCode(), r.body());
        visible("/api/v1/rules/" + guard);
        r = call("PUT", "/api/v1/zones/" + pasture, ADMIN, pastureFeature(pasture, commune, null));
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("rule " + guard + ": " + reason), r.body());
        assertEquals("12-15", bodyOf("/api/v1/zones/" + pasture).at("/properties/fieldRelease").asText(), "the refused change is not stored");
    }

    /**
     * A hot alert's update held back (here for ten minutes) when the rules stop is in its committed slot: the next start
     * publishes it at its first update interval, although no reading comes.
     */
    @Test
    @Order(20)
    void anUpdateHeldBackWhenTheRulesStopIsPublishedAfterTheRestart() throws Exception {
        String station = "it-held-" + RUN;
        String rule = "it-held-rule-" + RUN;
        createStationAndRule(station, rule);
        restart(config("PT10M"));
        sendUntil("alert raised", () -> bodyOf("/api/v1/alerts?zone=" + station).size() == 1,
                round -> publishQuietly(station, 545, Instant.parse("2024-08-12T06:00:00Z").plusSeconds(round)));
        publish(station, 550, "2024-08-12T08:00:00Z");
        String held = Fixtures.gauge(station, 550, Instant.parse("2024-08-12T08:00:00Z")).id();
        consumed();
        assertTrue(alertEvents(rule).stream().noneMatch(e -> e.alert().evidence().stream().anyMatch(ev -> held.equals(ev.observationId()))),
                "held back: the alert was published less than ten minutes ago");
        restart(config("PT1S"));
        Poll.until(Duration.ofSeconds(30), "the held-back update published after the restart", () -> alertEvents(rule).stream()
                .anyMatch(e -> e.type() == AlertEventType.UPDATED && e.alert().evidence().stream().map(Evidence::observationId).anyMatch(held::equals)));
        List<Integer> seqs = alertEvents(rule).stream().map(AlertEvent::seq).toList();
        assertEquals(seqs.stream().distinct().toList(), seqs, "no duplicate events");
        restart(config);
    }

    /**
     * Kafka Streams commits a task after every wall-clock punctuation that ran: with the held updates' punctuation
     * running every update interval (100 ms) whether anything waited or not, an idle instance committed about ten
     * transactions a second. Now only the five-second re-check and expiry check run while idle.
     */
    @Test
    @Order(11)
    void anIdleInstanceCommitsAlmostNothing() {
        // windows of 3 s, one after the other, until one has at most 3 commits: the first may still see an update an
        // earlier test held back being published (within one update interval); an instance that commits every 100 ms
        // never has such a window
        long[] start = {System.nanoTime()};
        double[] before = {commits()};
        double[] last = {-1};
        try {
            Poll.until(Duration.ofSeconds(20), "3 idle seconds with at most 3 commits", () -> {
                if (System.nanoTime() - start[0] < 3_000_000_000L) {
                    return false;
                }
                last[0] = commits() - before[0];
                start[0] = System.nanoTime();
                before[0] = commits();
                return last[0] <= 3;
            });
        } catch (AssertionError e) {
            throw new AssertionError("an idle instance committed " + last[0] + " times in the last 3 s", e);
        }
    }

    /** The commits of the rules instance's stream threads so far (Kafka Streams' {@code commit-total}). */
    private static double commits() {
        return component.streams().metrics().values().stream()
                .filter(m -> m.metricName().name().equals("commit-total") && m.metricName().group().equals("stream-thread-metrics"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    }

    @Test
    @Order(9)
    void theAlertsApiFiltersByHazard() throws Exception {
        String commune = "it-commune-" + RUN;
        String clash = "it-clash-" + RUN;
        String flood = "it-flood-reports-" + RUN;
        put("/api/v1/rules/" + clash, "{'type':'incident-cluster','zones':['" + commune + "'],'params':{'types':['CLASH'],'threshold':3}}", 201);
        put("/api/v1/rules/" + flood, "{'type':'community-flood-reports','zones':['" + commune + "'],'params':{'threshold':1}}", 201);
        Instant t = Instant.parse("2024-08-13T06:00:00Z");
        sendUntil("a conflict and a flood alert in the commune",
                () -> activeAlertOf(commune, clash) != null && activeAlertOf(commune, flood) != null, round -> {
                    Instant at = t.plusSeconds(60L * round);
                    publishReport(Fixtures.report(commune, org.bourtol.contracts.observation.ReportType.CLASH, true, "r-it", at));
                    publishReport(Fixtures.report(commune, org.bourtol.contracts.observation.ReportType.FLOOD, true, "r-it", at));
                });
        assertEquals(List.of(clash), rulesOf(bodyOf("/api/v1/alerts?zone=" + commune + "&hazard=conflict")));
        assertEquals(List.of(flood), rulesOf(bodyOf("/api/v1/alerts?zone=" + commune + "&hazard=flood&state=active")));
        assertEquals(List.of(clash, flood), rulesOf(bodyOf("/api/v1/alerts?zone=" + commune)).stream().sorted().toList());
        JsonNode conflicts = bodyOf("/api/v1/alerts?hazard=conflict");
        assertTrue(rulesOf(conflicts).contains(clash), conflicts.toString());
        conflicts.forEach(a -> assertEquals("conflict", a.get("hazard").asText(), a.toString()));
        JsonNode floods = bodyOf("/api/v1/alerts?hazard=flood");
        assertTrue(rulesOf(floods).contains(flood), floods.toString());
        floods.forEach(a -> assertEquals("flood", a.get("hazard").asText(), a.toString()));
        HttpResponse<String> typo = get("/api/v1/alerts?hazard=floods");
        assertEquals(400, typo.statusCode(), "a misspelt hazard is refused, not answered with an empty list");
        assertTrue(typo.body().contains("hazard must be 'flood' or 'conflict', got 'floods'"), typo.body());
    }

    private static String pastureFeature(String id, String parent, String fieldRelease) {
        return "{'type':'Feature','id':'" + id + "','properties':{'kind':'pasture','name':'IT pasture','capacity':500,'parent':'" + parent + "'"
                + (fieldRelease == null ? "" : ",'fieldRelease':'" + fieldRelease + "'")
                + "},'geometry':{'type':'Polygon','coordinates':[[[10.05,20.05],[10.1,20.05],[10.1,20.1],[10.05,20.05]]]}}";
    }

    /**
     * Polls (60 s) until {@code seen} gives a value, calling {@code send} with the next round number (0, 1, …) each time
     * it gives none: the Streams app sees a new rule through its global store a moment after the API does, so a test
     * sends an input each round until one is evaluated with the rule.
     */
    private static <T> T sendUntilValue(String what, Supplier<T> seen, IntConsumer send) {
        int[] round = {0};
        return Poll.value(Duration.ofSeconds(60), what, () -> {
            T value = seen.get();
            if (value == null) {
                send.accept(round[0]++);
            }
            return value;
        });
    }

    /** {@link #sendUntilValue} until {@code done} holds. */
    private static void sendUntil(String what, BooleanSupplier done, IntConsumer send) {
        sendUntilValue(what, () -> done.getAsBoolean() ? Boolean.TRUE : null, send);
    }

    /** A PUT as the admin that must answer {@code status}. */
    private static HttpResponse<String> put(String path, String body, int status) throws Exception {
        HttpResponse<String> r = call("PUT", path, ADMIN, body);
        assertEquals(status, r.statusCode(), r.body());
        return r;
    }

    /** Waits until a viewer reads {@code path}: the API's view of the directory caught up with what was written. */
    private static void visible(String path) {
        Poll.until(Duration.ofSeconds(20), path + " visible", () -> get(path).statusCode() == 200);
    }

    private static List<String> rulesOf(JsonNode alerts) {
        List<String> out = new ArrayList<>();
        alerts.forEach(a -> out.add(a.path("rule").asText()));
        return out;
    }

    private void publishReport(org.bourtol.contracts.observation.CommunityReport report) {
        try {
            publisher.publish(Topics.OBSERVATIONS, report.subject(), report).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode activeAlertOf(String zone, String rule) {
        JsonNode all = bodyOf("/api/v1/alerts?zone=" + zone + "&state=active");
        if (all != null) {
            for (JsonNode a : all) {
                if (rule.equals(a.path("rule").asText())) {
                    return a;
                }
            }
        }
        return null;
    }

    private void publishQuietly(String station, int cm, Instant at) {
        try {
            publish(station, cm, at.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publishRain(String station, double mm, Instant at) {
        try {
            publisher.publish(Topics.OBSERVATIONS, station, Fixtures.rain(station, mm, at)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void createStationAndRule(String station) throws Exception {
        createStationAndRule(station, station.startsWith("it-restart") ? "it-restart-rule-" + RUN : "it-rule-" + RUN);
    }

    private void createStationAndRule(String station, String rule) throws Exception {
        put("/api/v1/zones/" + station, "{'type':'Feature','properties':{'kind':'station','name':'IT "
                + station + "','river':'Niger'},'geometry':{'type':'Point','coordinates':[2.1,13.5]}}", 201);
        visible("/api/v1/zones/" + station);
        put("/api/v1/rules/" + rule, "{'type':'gauge-level','zones':['" + station
                + "'],'params':{'warningCm':530,'alertCm':580,'dangerCm':620},'severity':{'warning':'Moderate','alert':'Severe','danger':'Extreme'}}", 201);
        visible("/api/v1/rules/" + rule);
    }

    private void publish(String station, int cm, String at) throws Exception {
        publisher.publish(Topics.OBSERVATIONS, station, Fixtures.gauge(station, cm, Instant.parse(at)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<AlertEvent> alertEvents(String rule) {
        return TopicReader.values(SharedKafka.clients(), Topics.ALERTS).stream().filter(e -> rule.equals(e.alert().rule())).toList();
    }

    private static HttpResponse<String> get(String path) {
        try {
            return call("GET", path, VIEWER, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode bodyOf(String path) {
        try {
            HttpResponse<String> r = get(path);
            return r.statusCode() == 200 ? json(r) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
