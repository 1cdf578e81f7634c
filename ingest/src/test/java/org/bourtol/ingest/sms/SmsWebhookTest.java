package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bourtol.platform.http.TwilioForms;
import org.bourtol.platform.http.TwilioSigner;
import org.bourtol.contracts.directory.Reporter;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.triage.TriageMessage;
import org.bourtol.ingest.place.Gazetteer;
import org.bourtol.ingest.place.ZonesFixture;
import org.bourtol.ingest.publish.Outbox;
import org.bourtol.platform.kafka.Outgoing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SmsWebhookTest {

    private static final String TOKEN = "test-auth-token-0123456789abcdef";
    private static final String PUBLIC = "https://bourtol.example.org/";
    private static final String PHONE = "+22376000001";
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("a-test-pseudonym-key-of-some-length");

    @TempDir
    Path dir;
    private final List<Outgoing> published = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private SeenMessages seen;
    private int port;
    private String publicUrl = PUBLIC;
    private Gazetteer gazetteer = ZonesFixture.gazetteer();
    private RateLimiter replyCap;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        seen = new SeenMessages(dir, 1000, Duration.ofDays(7), T0);
        startServer(vertx, 3);
    }

    private void startServer(Vertx vertx, int perHour) throws Exception {
        Outbox outbox = records -> {
            published.addAll(records);
            return Future.succeededFuture();
        };
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Reporter known = new Reporter("konna-1", "Comite", PHONE, PSEUDONYMS.of(PHONE), "fr", "konna", true);
        SmsIngest ingest = new SmsIngest(vertx, () -> gazetteer, PSEUDONYMS,
                p -> p.equals(known.pseudonym()) ? Optional.of(known) : Optional.empty(),
                new RateLimiter(perHour, Duration.ofHours(1)), seen, outbox, clock, new SimpleMeterRegistry()).withReplyCap(replyCap);
        Router router = Router.router(vertx);
        new SmsWebhook(TOKEN, publicUrl, ingest, outbox, clock, new SimpleMeterRegistry()).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() {
        seen.close();
    }

    @Test
    void independentSignatureMatchesTwiliosPublishedVector() {
        Map<String, String> p = Map.of("Digits", "1234", "CallSid", "CA1234567890ABCDE", "To", "+18005551212",
                "Caller", "+14158675309", "From", "+14158675309");
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", new TwilioSigner("12345").sign("https://mycompany.com/myapp.php?foo=1&bar=2", p));
    }

    @Test
    void signedSmsGetsAFrenchReceiptAndBecomesAnObservation() throws Exception {
        HttpResponse<String> r = post("/sms/inbound", sms("SM0001", "troupeau 250 boeufs konna vers djenne"), true);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/xml"));
        String receipt = "Recu " + ReceiptCode.of("SM0001") + ": 250 bovins a Konna vers Djenne. Erreur? Envoyez: TROUPEAU 250 bovins Konna VERS Djenne";
        assertTrue(r.body().contains("<Message><Body>" + receipt + "</Body></Message>"), r.body());
        assertEquals(1, published.size());
        Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", published.get(0).value());
        HerdPosition h = (HerdPosition) o;
        assertEquals("sms-SM0001", h.id());
        assertEquals(PSEUDONYMS.of(PHONE), h.reporterId());
        assertTrue(h.verified());
        assertEquals("konna", h.zoneId());
        assertEquals("djenne", h.toZoneId());
        assertEquals(250, h.headCount());
    }

    @Test
    void missingNumberIsExplainedAndKeptAsRejected() throws Exception {
        HttpResponse<String> r = post("/sms/inbound", sms("SM0002", "TROUPEAU boeufs"), true);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<Body>Nombre manquant. Ex: TROUPEAU 120 bovins Konna</Body>"), r.body());
        assertEquals(Topics.REJECTED.name(), published.get(0).topic());
        Rejected rej = Topics.REJECTED.valueSerde().deserializer().deserialize("t", published.get(0).value());
        assertEquals("missing-count", rej.code());
        assertEquals("TROUPEAU boeufs", rej.payload());
    }

    @Test
    void unclearMessageNamingAPlaceGoesToTriageAndTheSenderIsToldAnOfficerWillReadIt() throws Exception {
        HttpResponse<String> r = post("/sms/inbound", sms("SM0004", "il se passe quelque chose a Konna, appelez le +22376000009"), true);
        assertEquals(200, r.statusCode());
        String reply = "Recu " + ReceiptCode.of("SM0004") + ": un agent va lire votre message (Konna?). Pour une alerte: ALERTE CONFLIT Konna";
        assertTrue(r.body().contains("<Body>" + reply + "</Body>"), r.body());
        assertTrue(Gsm7.fitsOneSegment(reply));
        assertEquals(1, published.size());
        assertEquals(Topics.TRIAGE.name(), published.get(0).topic());
        TriageMessage t = Topics.TRIAGE.valueSerde().deserializer().deserialize("t", published.get(0).value());
        assertEquals("sms-SM0004", t.id());
        assertEquals("konna", t.zoneId());
        assertNull(t.type());
        assertEquals(PSEUDONYMS.of(PHONE), t.reporterId());
        assertFalse(t.text().contains("76000009"), t.text());
        assertEquals("fr", t.language());
    }

    @Test
    void plainWordsClashBecomesAFreeTextIncidentReport() throws Exception {
        HttpResponse<String> r = post("/sms/inbound", sms("SM0005", "Bonjour, bagarre entre eleveurs et cultivateurs a djenne, 2 blesses. Moussa"), true);
        String reply = "Recu " + ReceiptCode.of("SM0005") + ": alerte conflit a Djenne. Erreur? Envoyez: ALERTE CONFLIT Djenne";
        assertTrue(r.body().contains("<Body>" + reply + "</Body>"), r.body());
        CommunityReport c = (CommunityReport) Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", published.get(0).value());
        assertEquals(ReportType.CLASH, c.type());
        assertEquals("djenne", c.zoneId());
        assertTrue(c.freeText());
        assertEquals(List.of("bagarre", "blesses"), c.matchedWords());
        assertEquals(0.9, c.confidence());
    }

    @Test
    void ambiguousPlaceIsAnsweredWithTheCandidatesInOneSegmentAndKeptAsRejected() throws Exception {
        gazetteer = ZonesFixture.withTwoKonas();
        HttpResponse<String> fr = post("/sms/inbound", sms("SM0021", "TROUPEAU 250 bovins Kona"), true);
        assertEquals(200, fr.statusCode());
        String frReply = "Lieu ambigu: kona. Precisez: kona-nord, kona-sud. Ex: TROUPEAU 120 bovins Konna";
        assertTrue(fr.body().contains("<Message><Body>" + frReply + "</Body></Message>"), fr.body());
        HttpResponse<String> en = post("/sms/inbound", sms("SM0022", "HERD 250 cattle kona"), true);
        String enReply = "Ambiguous place: kona. Which one: kona-nord, kona-sud. Ex: HERD 120 cattle Konna";
        assertTrue(en.body().contains("<Message><Body>" + enReply + "</Body></Message>"), en.body());
        assertTrue(Gsm7.fitsOneSegment(frReply) && Gsm7.fitsOneSegment(enReply));
        assertEquals(2, published.size());
        for (Outgoing o : published) {
            Rejected rej = Topics.REJECTED.valueSerde().deserializer().deserialize("t", o.value());
            assertEquals("ambiguous-place", rej.code());
        }
        HttpResponse<String> chosen = post("/sms/inbound", sms("SM0023", "TROUPEAU 250 bovins kona-sud"), true);
        assertTrue(chosen.body().contains("Recu " + ReceiptCode.of("SM0023") + ": 250 bovins a Kona. Erreur?"), chosen.body());
        HerdPosition h = (HerdPosition) Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", published.get(2).value());
        assertEquals("kona-sud", h.zoneId());
    }

    @Test
    void forgedOrMissingSignatureGets403AndNothingIsIngested() throws Exception {
        Map<String, String> form = sms("SM0003", "ALERTE CONFLIT konna");
        HttpRequest forged = request("/sms/inbound", form, new TwilioSigner("wrong-token").sign(PUBLIC.replaceAll("/$", "") + "/sms/inbound", form));
        assertEquals(403, http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, post("/sms/inbound", form, false).statusCode());
        Map<String, String> tampered = new LinkedHashMap<>(form);
        HttpRequest signedForOther = request("/sms/inbound", tampered, new TwilioSigner(TOKEN).sign(PUBLIC + "sms/inbound", Map.of()));
        assertEquals(403, http.send(signedForOther, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, post("/sms/status", Map.of("MessageSid", "SM1", "MessageStatus", "delivered"), false).statusCode());
        assertEquals(0, published.size());
    }

    @Test
    void aSignatureCoversTheExactUrlAndBodyOfInboundAndStatusCallbacks() throws Exception {
        Map<String, String> form = sms("SM0011", "PLUIE mopti 12");
        String signature = new TwilioSigner(TOKEN).sign(PUBLIC + "sms/inbound", form);
        Map<String, String> otherBody = new LinkedHashMap<>(form);
        otherBody.put("Body", "ALERTE CONFLIT konna");
        assertEquals(403, http.send(request("/sms/inbound", otherBody, signature), HttpResponse.BodyHandlers.ofString()).statusCode());
        Map<String, String> otherSender = new LinkedHashMap<>(form);
        otherSender.put("From", "+22376000002");
        assertEquals(403, http.send(request("/sms/inbound", otherSender, signature), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(request("/sms/inbound?x=1", form, signature), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(request("/sms/status", form, signature), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "the inbound signature does not open the status callback");
        Map<String, String> status = Map.of("MessageSid", "SM0012", "MessageStatus", "delivered");
        String statusSignature = new TwilioSigner(TOKEN).sign(PUBLIC + "sms/status", status);
        assertEquals(403, http.send(request("/sms/status", Map.of("MessageSid", "SM0012", "MessageStatus", "failed"), statusSignature),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(request("/sms/inbound", status, statusSignature), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, published.size());
        assertEquals(200, http.send(request("/sms/inbound", form, signature), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(204, http.send(request("/sms/status", status, statusSignature), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(2, published.size());
    }

    @Test
    void overTheAccountsReplyCapEverySmsIsKeptAndProcessedButAnsweredWithNothing(Vertx vertx) throws Exception {
        server.close();
        replyCap = new RateLimiter(2, Duration.ofHours(1));
        startServer(vertx, 3);
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, String> form = sms("SM03" + i, "PLUIE mopti 12");
            form.put("From", "+2277600010" + i);
            bodies.add(post("/sms/inbound", form, true).body());
        }
        assertTrue(bodies.get(0).contains("<Message>") && bodies.get(1).contains("<Message>"), bodies.toString());
        for (String b : bodies.subList(2, 5)) {
            assertFalse(b.contains("<Message>"), "over the account's cap: no reply, " + b);
        }
        assertEquals(5, published.size(), "every SMS is still kept");
        assertTrue(published.stream().allMatch(o -> o.topic().equals(Topics.OBSERVATIONS.name())), "and processed");
    }

    @Test
    void replayedMessageSidIsAnsweredAgainButIngestedOnce(Vertx vertx) throws Exception {
        Map<String, String> form = sms("SM0004", "NIVEAU mopti 640");
        HttpResponse<String> first = post("/sms/inbound", form, true);
        HttpResponse<String> again = post("/sms/inbound", form, true);
        assertEquals(first.body(), again.body());
        assertEquals(1, published.size());
        // and after a restart (same data dir)
        server.close();
        seen.close();
        seen = new SeenMessages(dir, 1000, Duration.ofDays(7), T0.plusSeconds(60));
        startServer(vertx, 3);
        assertEquals(first.body(), post("/sms/inbound", form, true).body());
        assertEquals(1, published.size());
    }

    @Test
    void formEncodedEdgeCasesAreSignedAndParsed() throws Exception {
        Map<String, String> form = sms("SM0005", "Alerte Conflit Konna: 2 blessés & 1 mort = très grave + urgent");
        form.put("FromCity", "");
        form.put("ToState", "");
        form.put("NumMedia", "0");
        form.put("AddOns", "{\"status\":\"successful\"}");
        HttpResponse<String> r = post("/sms/inbound", form, true);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Recu "), r.body());
        Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", published.get(0).value());
        assertTrue(o.toString().contains("2 blessés & 1 mort = très grave + urgent"), o.toString());
    }

    @Test
    void unknownSenderIsUnverifiedAndEnglishKeywordGetsEnglishReply() throws Exception {
        Map<String, String> form = sms("SM0006", "HERD 40 goats konna");
        form.put("From", "+22799999999");
        HttpResponse<String> r = post("/sms/inbound", form, true);
        assertTrue(r.body().contains("Received "), r.body());
        HerdPosition h = (HerdPosition) Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", published.get(0).value());
        assertEquals(false, h.verified());
        assertEquals(PSEUDONYMS.of("+22799999999"), h.reporterId());
    }

    @Test
    void overTheRateLimitTheSenderGetsAShortReplyAndTheMessageIsKept() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertTrue(post("/sms/inbound", sms("SM01" + i, "PLUIE mopti 12"), true).body().contains("Recu "));
        }
        HttpResponse<String> over = post("/sms/inbound", sms("SM0199", "PLUIE mopti 13"), true);
        assertTrue(over.body().contains("Trop de messages"), over.body());
        Rejected rej = Topics.REJECTED.valueSerde().deserializer().deserialize("t", published.get(3).value());
        assertEquals("rate-limited", rej.code());
        assertEquals("PLUIE mopti 13", rej.payload());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> again = post("/sms/inbound", sms("SM020" + i, "PLUIE mopti 14"), true);
            assertEquals(200, again.statusCode());
            assertFalse(again.body().contains("<Message>"), "told once per window, then nothing: " + again.body());
            assertTrue(again.body().contains("<Response/>") || again.body().contains("<Response></Response>"), again.body());
        }
        assertEquals(7, published.size(), "every message over the limit is kept");
        Rejected last = Topics.REJECTED.valueSerde().deserializer().deserialize("t", published.get(6).value());
        assertEquals("rate-limited", last.code());
        assertEquals("", post("/sms/inbound", sms("SM0202", "PLUIE mopti 14"), true).body().replaceAll("<\\?xml[^>]*>|<Response\\s*/>|<Response></Response>", "").trim(),
                "a Twilio retry of a silent answer stays silent");
    }

    @Test
    void okCodeBecomesAnAckRequestAndStatusCallbacksArePublished() throws Exception {
        post("/sms/inbound", sms("SM0007", "OK k7q"), true);
        assertEquals(Topics.ACKS.name(), published.get(0).topic());
        assertEquals("K7Q", new String(published.get(0).key(), StandardCharsets.UTF_8));
        HttpResponse<String> s = post("/sms/status", Map.of("MessageSid", "SM0008", "MessageStatus", "undelivered", "ErrorCode", "30003"), true);
        assertEquals(204, s.statusCode());
        assertEquals(Topics.SMS_STATUS.name(), published.get(1).topic());
        assertTrue(new String(published.get(1).value(), StandardCharsets.UTF_8).contains("30003"));
    }

    @Test
    void withoutAPublicUrlTheSignatureCoversTheUrlAsCalled(Vertx vertx) throws Exception {
        server.close();
        publicUrl = null;
        startServer(vertx, 3);
        Map<String, String> form = sms("SM0009", "PLUIE niamey 4");
        String signature = new TwilioSigner(TOKEN).sign("http://127.0.0.1:" + port + "/sms/inbound", form);
        HttpResponse<String> r = http.send(request("/sms/inbound", form, signature), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(403, post("/sms/inbound", sms("SM0010", "PLUIE niamey 4"), true).statusCode());
    }

    private static Map<String, String> sms(String sid, String body) {
        Map<String, String> m = TwilioForms.inboundSms(sid, "AC00000000000000000000000000000000", PHONE, "+22370000000", body);
        m.put("SmsSid", sid);
        m.put("ApiVersion", "2010-04-01");
        return m;
    }

    private HttpResponse<String> post(String path, Map<String, String> form, boolean sign) throws Exception {
        String signature = sign ? new TwilioSigner(TOKEN).sign(PUBLIC.replaceAll("/$", "") + path, form) : null;
        return http.send(request(path, form, signature), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, Map<String, String> form, String signature) {
        String body = TwilioForms.encode(form);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return b.build();
    }
}
