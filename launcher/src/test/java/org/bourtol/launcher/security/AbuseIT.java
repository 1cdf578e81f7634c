package org.bourtol.launcher.security;

import static org.bourtol.launcher.testing.EmbeddedApi.send;
import static org.bourtol.launcher.testing.EmbeddedApi.sms;
import static org.bourtol.launcher.testing.EmbeddedApi.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedApi;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.LogCapture;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of {@code run --embedded} under abuse, from outside: every JSON body the API takes, fuzzed,
 * is answered without a 5xx and refusals say why; huge inputs are refused with a clear error; a
 * replayed or re-signed Twilio webhook makes no second observation; a flood of SMS from many numbers
 * is kept in full while the account's replies and its alert SMS stay under their caps (the webhook's latency is
 * printed);
 * then no phone number, token or the pseudonym key is found in any topic, log line, InfluxDB, the
 * metrics, the CAP feed or the MQTT alert topics ({@link SecretsGrep}).
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseIT {

    static final String ADMIN = "abuse-it-admin-token-0123456789";
    static final String TWILIO = "abuse-it-twilio-token-0123456789";
    static final String PSEUDONYM_KEY = "abuse-it-pseudonym-key-0123456789";
    static final int REPLY_CAP = 150;
    /** The account's alert SMS per hour ({@code notifier.maxSmsPerHour}): under the flood, only Extreme ones may pass it. */
    static final int SMS_CAP = 2;
    /** Three committees at Konna and Mopti, for conflict and flood: what the flood raises is due to each. */
    static final List<String> COMMITTEES = List.of("+22376100001", "+22376100002", "+22376100003");

    @TempDir
    static Path dataDir;

    LogCapture logs;
    Influxd influx;
    Instance p;
    String officer;
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final Set<String> phones = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start() throws Exception {
        logs = LogCapture.install();
        influx = Influxd.start();
        p = EmbeddedInstances.start(dataDir, "BOURTOL_ADMIN_TOKEN", ADMIN, "TWILIO_AUTH_TOKEN", TWILIO,
                "BOURTOL_PSEUDONYM_KEY", PSEUDONYM_KEY,
                "BOURTOL_INFLUX_URL", influx.url(),
                "BOURTOL_INGEST_MAX_REPLIES_PER_HOUR", String.valueOf(REPLY_CAP),
                ConfigLoader.envName("notifier.maxSmsPerHour"), String.valueOf(SMS_CAP), "BOURTOL_NOTIFIER_GROUP_WINDOW", "PT1S");
        officer = token(p, ADMIN, "abuse-officer", "officer");
        tokens.addAll(List.of(ADMIN, TWILIO, officer));
        for (int i = 0; i < COMMITTEES.size(); i++) {
            HttpResponse<String> r = send(p, "PUT", "/api/v1/recipients/abuse-committee-" + i, officer, """
                    {"name": "Comite %d", "role": "peace-committee", "phone": "%s", "language": "fr", "zones": ["konna", "mopti"],
                     "hazards": ["conflict", "flood"], "minSeverity": "Minor"}""".formatted(i, COMMITTEES.get(i)));
            assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.body());
        }
        phones.addAll(COMMITTEES);
    }

    @AfterAll
    void stop() {
        if (p != null) {
            p.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    @Order(1)
    void everyJsonBodyIsAnsweredWithoutA5xxAndEveryRefusalSaysWhy() {
        List<String> writes = AuthorisationMatrixIT.routes(p.routes()).entrySet().stream()
                .filter(e -> e.getValue() != null && e.getKey().matches("(POST|PUT|PATCH) /api/.*"))
                .map(e -> e.getKey().substring(0, e.getKey().indexOf(' ')) + " " + e.getValue()).sorted().toList();
        assertTrue(writes.size() >= 20, "the API's write routes: " + writes);
        List<String> bodies = JsonFuzz.bodies().sampleStream().limit(25).toList();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (String route : writes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            for (String body : bodies) {
                HttpResponse<String> r = send(p, method, path, ADMIN, body);
                calls++;
                String problem = refusalProblem(r);
                if (problem != null) {
                    wrong.add(route + " " + abbreviate(body) + " -> " + r.statusCode() + " " + abbreviate(r.body()) + ": " + problem);
                }
            }
        }
        System.out.printf("fuzzed %d write routes with %d bodies each: %d calls%n", writes.size(), bodies.size(), calls);
        assertTrue(wrong.isEmpty(), wrong.size() + " answers without a reason or with a 5xx:\n" + String.join("\n", wrong.subList(0,
                Math.min(40, wrong.size()))));
    }

    @Test
    @Order(2)
    void hugeInputsAreRefusedWithAClearError() throws Exception {
        Map<String, String> huge = smsForm(EmbeddedApi.newSid(), "+22376550001", "PLUIE mopti 3 " + "x".repeat(1 << 20));
        refused(EmbeddedApi.form(p, "/sms/inbound", huge, EmbeddedApi.signature(p, TWILIO, "/sms/inbound", huge)), 413, "1 MB SMS");
        String longSms = "ALERTE CONFLIT konna " + "\uD83C\uDF0A\u00e9".repeat(530);
        phones.add("+22376550002");
        assertEquals(200, sms(p, TWILIO, "+22376550002", longSms).status(), "a 1,600-character non-ASCII SMS is a real SMS");

        StringBuilder ring = new StringBuilder(20_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            ring.append(i == 0 ? "" : ",").append("[").append(-4 - i * 1e-7).append(",14.5]");
        }
        String million = zone("million", ring.toString());
        refused(send(p, "POST", "/api/v1/zones", officer, "{\"type\":\"FeatureCollection\",\"features\":[" + million + "]}"), 413,
                "a polygon of a million vertices");
        refused(send(p, "PUT", "/api/v1/zones/million", officer, million), 413, "a polygon of a million vertices");
        String within = zone("within", ring.substring(0, ring.indexOf("]", 6_000_000) + 1));
        HttpResponse<String> bounded = refused(send(p, "PUT", "/api/v1/zones/within", officer, within), 400, "a 6 MB polygon");
        assertTrue(bounded.body().contains("vertices"), bounded.body());

        // past Jackson's nesting limit (1,000) yet under every route's body limit (tokens: 4 KB), then far past it
        for (int depth : new int[] {1_100, 100_000}) {
            String deep = "[".repeat(depth) + "]".repeat(depth);
            String deepObject = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            for (String[] route : depth > 1_100 ? new String[][] {{"POST", "/api/v1/zones"}, {"POST", "/api/v1/observations"}}
                    : new String[][] {{"POST", "/api/v1/zones"}, {"PUT", "/api/v1/zones/deep"}, {"PUT", "/api/v1/rules/deep"},
                        {"POST", "/api/v1/observations"}, {"POST", "/api/v1/alerts"}, {"PUT", "/api/v1/recipients/deep"},
                        {"PUT", "/api/v1/reporters/deep"}, {"POST", "/api/v1/tokens"}, {"POST", "/api/v1/backtests"}}) {
                for (String body : route[1].equals("/api/v1/tokens") ? List.of(deep) : List.of(deep, deepObject)) {
                    refused(send(p, route[0], route[1], ADMIN, body), 400, "JSON nested " + depth + " deep to " + route[1]);
                }
            }
        }
    }

    @Test
    @Order(3)
    void aReplayedOrReSignedWebhookMakesNoSecondObservation() throws Exception {
        String sid = EmbeddedApi.newSid();
        phones.add("+22376550003");
        SmsSender.Result first = sms(p, TWILIO, sid, "+22376550003", "PLUIE mopti 7");
        SmsSender.Result again = sms(p, TWILIO, sid, "+22376550003", "PLUIE mopti 7");
        assertEquals(200, again.status());
        assertEquals(first.reply(), again.reply(), "a replay gets the first answer");
        Map<String, String> form = smsForm(sid, "+22376550003", "PLUIE mopti 7");
        String signature = EmbeddedApi.signature(p, TWILIO, "/sms/inbound", form);
        Map<String, String> otherBody = new LinkedHashMap<>(form);
        otherBody.put("MessageSid", EmbeddedApi.newSid());
        otherBody.put("Body", "ALERTE CONFLIT konna");
        assertEquals(403, EmbeddedApi.form(p, "/sms/inbound", otherBody, signature).statusCode(), "a signature over another body");
        assertEquals(403, EmbeddedApi.form(p, "/sms/status", form, signature).statusCode(), "a signature over another URL");
        Map<String, String> status = Map.of("MessageSid", "SM" + "0".repeat(32), "MessageStatus", "delivered");
        assertEquals(403, EmbeddedApi.form(p, "/sms/status", status, null).statusCode(), "status callbacks are signed too");
        assertEquals(204, EmbeddedApi.form(p, "/sms/status", status, EmbeddedApi.signature(p, TWILIO, "/sms/status", status)).statusCode());
        long copies = TopicReader.values(p.kafka(), Topics.OBSERVATIONS).stream().filter(o -> o.id().equals("sms-" + sid)).count();
        assertEquals(1, copies, "one observation for one MessageSid");
        assertTrue(TopicReader.raw(p.kafka(), Topics.OBSERVATIONS.name()).stream()
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(otherBody.get("MessageSid"))));
    }

    @Test
    @Order(4)
    void anSmsFloodFromManyNumbersIsKeptWhileRepliesStayUnderTheCap() throws Exception {
        int numbers = 200;
        List<String[]> flood = new ArrayList<>();
        String[] texts = {"PLUIE mopti 12", "TROUPEAU 120 bovins konna", "ALERTE CONFLIT konna bagarre", "blabla ??", "NIVEAU mopti 640"};
        for (int i = 0; i < numbers * 2; i++) {
            String phone = String.format("+2277%07d", 1_000_000 + i % numbers);
            phones.add(phone);
            flood.add(new String[] {EmbeddedApi.newSid(), phone, texts[i % texts.length]});
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<long[]>> answers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String[] m : flood) {
            answers.add(pool.submit(() -> {
                long start = System.nanoTime();
                SmsSender.Result r = sms(p, TWILIO, m[0], m[1], m[2]);
                return new long[] {System.nanoTime() - start, r.status(), r.reply() != null && !r.reply().isEmpty() ? 1 : 0};
            }));
        }
        long[] nanos = new long[flood.size()];
        int replies = 0;
        for (int i = 0; i < answers.size(); i++) {
            long[] a = answers.get(i).get();
            assertEquals(200, a[1], "every SMS of the flood is answered 200");
            nanos[i] = a[0];
            replies += (int) a[2];
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        java.util.Arrays.sort(nanos);
        System.out.printf("SMS flood: %d SMS from %d numbers, 8 senders, %.1f s (%.0f SMS/s); webhook latency p50 %d ms, p99 %d ms, "
                + "max %d ms; %d replies (cap %d)%n", flood.size(), numbers, seconds, flood.size() / seconds,
                nanos[nanos.length / 2] / 1_000_000, nanos[(int) (nanos.length * 0.99)] / 1_000_000, nanos[nanos.length - 1] / 1_000_000,
                replies, REPLY_CAP);
        assertTrue(replies > 0 && replies <= REPLY_CAP, "replies stay within ingest.maxRepliesPerHour: " + replies);
        StringBuilder kept = new StringBuilder();
        for (String topic : List.of(Topics.OBSERVATIONS.name(), Topics.REJECTED.name(), Topics.TRIAGE.name())) {
            TopicReader.raw(p.kafka(), topic).forEach(r -> kept.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n'));
        }
        List<String> lost = flood.stream().map(m -> m[0]).filter(sid -> kept.indexOf(sid) < 0).toList();
        assertTrue(lost.isEmpty(), lost.size() + " SMS of the flood not kept, e.g. " + lost.subList(0, Math.min(3, lost.size())));
        alertSmsStayWithinTheAccountCap();
    }

    /**
     * The alerts the flood raised were due to every committee, more SMS than the account's cap; once the notifier has
     * settled (nothing new for 15 s), the SMS sent for them stay within {@link #SMS_CAP}, Extreme ones apart (they pass
     * the cap by design, docs/notifier.md). Extreme SMS are sent first and count towards the hour too, so how many
     * ordinary ones left (0 up to the cap) depends on which were due first.
     */
    private void alertSmsStayWithinTheAccountCap() throws Exception {
        int[] seen = {-1};
        java.time.Instant[] still = {java.time.Instant.now()};
        Poll.until(Duration.ofSeconds(120), "the notifier settled after the flood", () -> {
            int now = TopicReader.values(p.kafka(), Topics.DELIVERIES).size();
            if (now != seen[0]) {
                seen[0] = now;
                still[0] = java.time.Instant.now();
            }
            return now > 0 && java.time.Instant.now().isAfter(still[0].plusSeconds(15));
        });
        List<Delivery> sent = TopicReader.values(p.kafka(), Topics.DELIVERIES).stream()
                .filter(d -> d.status() == DeliveryStatus.SENT).toList();
        List<Delivery> ordinary = sent.stream().filter(d -> !d.step().contains("Extreme")).toList();
        long ordinaryAlerts = 0;
        for (String zone : List.of("konna", "mopti")) {
            for (JsonNode a : EmbeddedApi.get(p, "/api/v1/alerts?zone=" + zone, officer)) {
                ordinaryAlerts += "Extreme".equals(a.path("severity").asText()) ? 0 : 1;
            }
        }
        System.out.printf("alert SMS under the flood: %d sent (%d for Extreme steps), cap %d; non-Extreme alerts at Konna and Mopti: %d, "
                + "due to %d committees%n", sent.size(), sent.size() - ordinary.size(), SMS_CAP, ordinaryAlerts, COMMITTEES.size());
        assertTrue(ordinaryAlerts * COMMITTEES.size() > SMS_CAP, "the flood made more ordinary SMS due than the cap allows");
        // Extreme SMS leave first and count towards the hour's total too: when they came first, no ordinary one may follow
        assertTrue(!sent.isEmpty() && ordinary.size() <= SMS_CAP, "ordinary alert SMS stop at the account cap of " + SMS_CAP + ": "
                + ordinary.stream().map(d -> d.step() + " to " + d.recipientId()).toList());
        assertEquals(sent.size(), p.localTwilio().orElseThrow().messages().stream().filter(m -> COMMITTEES.contains(m.to())).count(),
                "every SMS the Twilio server took is one recorded as sent");
    }

    @Test
    @Order(5)
    void noPhoneNumberTokenOrPseudonymKeyLeaks() throws Exception {
        new SecretsGrep(p, influx, logs).assertNoLeak(phones, tokens, PSEUDONYM_KEY);
    }

    /** Null when the answer is acceptable: not a 5xx, and a refusal is JSON with an {@code error} that says why. */
    static String refusalProblem(HttpResponse<String> r) {
        if (r.statusCode() >= 500) {
            return "server error";
        }
        if (r.statusCode() < 400) {
            return null;
        }
        try {
            JsonNode b = Json.MAPPER.readTree(r.body());
            return b != null && b.path("error").isTextual() && !b.path("error").asText().isBlank() ? null : "no error message";
        } catch (Exception e) {
            return "refusal is not JSON";
        }
    }

    private HttpResponse<String> refused(HttpResponse<String> r, int status, String what) {
        assertEquals(status, r.statusCode(), what + ": " + abbreviate(r.body()));
        String problem = refusalProblem(r);
        assertTrue(problem == null, what + ": " + problem + " " + abbreviate(r.body()));
        return r;
    }

    private static Map<String, String> smsForm(String sid, String from, String body) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MessageSid", sid);
        m.put("AccountSid", "AC" + "0".repeat(32));
        m.put("From", from);
        m.put("To", "+22370000000");
        m.put("Body", body);
        return m;
    }

    private static String zone(String id, String ring) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"kind\":\"commune\",\"name\":\"Huge\",\"parent\":\"region-mopti\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + " chars)" : s;
    }
}
