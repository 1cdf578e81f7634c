package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.console.Browser;
import org.bourtol.launcher.console.ConsoleIT;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.platform.kafka.TopicScan;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.ScenarioSpec;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.truth.Report;
import org.bourtol.testkit.Poll;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.slf4j.LoggerFactory;

/**
 * Closing the loop end to end: the demo scenario is played on the embedded platform, then a demo
 * recipients answer by signed SMS from the numbers the alerts were sent to — {@code OK} on one alert,
 * {@code FAIT} on two, {@code FAUX} on one, and a {@code FAIT} with a code no alert has — a stranger sends
 * {@code FAIT} and {@code FAUX} on real codes (same replies, kept as rejected, counted nowhere), and an
 * officer records an outcome through the API. The
 * monthly report (API as JSON and CSV, and {@code bourtol report}) of each month the alerts were raised
 * in shows the alerts the demo raised, the SMS the notifier sent for them, and exactly the
 * acknowledgement, actions and outcomes sent here; the console's report view (headless Chromium) shows
 * the month of the answered alert (screenshot target/console-screenshots/13-demo-report-*.png).
 */
@Timeout(900)
class OutcomesReportIT {

    private static final String RECIPIENT = "+22376000004"; // the demo's Prefecture de Mopti (every hazard, Severe and above)
    private static final String STRANGER = "+22390000099"; // no demo recipient
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theMonthlyReportShowsWhatTheDemoAndTheRepliesProduced() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> env = EmbeddedInstances.env(Files.createTempDirectory("bourtol-outcomes-it"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            DemoCommand.run(Optional.empty(), env, ScenarioSpec.parse(DemoIT.SCENARIO), 10, out, null, false,
                    (platform, report) -> closeTheLoop(platform, report, console));
        }
    }

    private void closeTheLoop(Instance p, Report demo, ByteArrayOutputStream console) throws Exception {
        String base = "http://127.0.0.1:" + p.httpPort();
        String token = p.adminToken();
        String text = console.toString(StandardCharsets.UTF_8);
        org.bourtol.simulator.twilio.LocalTwilioServer sink = p.localTwilio().orElseThrow();
        // on a loaded machine the rules and the notifier may still be catching up after the demo's summary: wait until
        // the alerts this test answers exist and were texted (an active one to the prefecture, two more to anyone)
        List<Alert> alerts = new ArrayList<>();
        Alert[] picked = new Alert[1];
        List<Alert> others = new ArrayList<>();
        Poll.until(java.time.Duration.ofSeconds(240), "three alerts sent by SMS, one active to " + RECIPIENT, () -> {
            alerts.clear();
            try {
                for (JsonNode n : get(base + "/api/v1/alerts", token)) {
                    alerts.add(Json.MAPPER.treeToValue(n, Alert.class));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // only a recipient the alert was sent to may acknowledge it by SMS (docs/security.md)
            picked[0] = alerts.stream().filter(Alert::active)
                    .filter(a -> sink.messagesTo(RECIPIENT).stream().anyMatch(m -> m.body().contains("OK " + a.code()))).findFirst()
                    .orElse(null);
            // FAIT / FAUX count only from a recipient the alert was sent to: each is answered from the number that received it
            others.clear();
            alerts.stream().filter(a -> a != picked[0] && receiver(sink, a) != null).forEach(others::add);
            return picked[0] != null && others.size() >= 2;
        });
        Alert acked = picked[0];
        assertTrue(alerts.size() >= demo.alertsRaised(), "every alert the demo counted is served\n" + text);
        Alert acted = others.get(0);
        Alert judged = others.get(1);
        Alert conflict = alerts.stream().filter(a -> a.hazard() == Hazard.CONFLICT).findFirst().orElseThrow();

        SmsSender sms = new SmsSender(base, p.config().http().publicUrl() != null ? p.config().http().publicUrl() : base,
                p.config().twilio().authToken(), "+22370000000", "AC-outcomes-it");
        String ok = send(sms, "SMoutcomes1", RECIPIENT, "OK " + acked.code()).reply();
        String done1 = send(sms, "SMoutcomes2", receiver(sink, acted),
                "FAIT " + acted.code() + " mediation tenue avec les deux parties, tel 76 00 12 34").reply();
        String done2 = send(sms, "SMoutcomes3", receiver(sink, acted), "fait " + acted.code() + " suivi au marche").reply();
        String faux = send(sms, "SMoutcomes4", receiver(sink, judged), "FAUX " + judged.code()).reply();
        String unknown = send(sms, "SMoutcomes5", RECIPIENT, "FAIT QQ99 digue renforcee").reply();
        // a stranger who knows (or guessed) the codes: answered like anyone, kept as rejected, counted nowhere
        String strangerDone = send(sms, "SMoutcomes6", STRANGER, "FAIT " + acted.code() + " rien a signaler").reply();
        String strangerFaux = send(sms, "SMoutcomes7", STRANGER, "FAUX " + conflict.code()).reply();
        assertTrue(done1.contains("action pour l'alerte " + acted.code() + " recue"), done1);
        assertTrue(done2.startsWith("Recu "), done2);
        assertTrue(faux.contains("avis fausse alerte pour " + judged.code() + " recu"), faux);
        assertEquals(done1.replaceAll("Recu \\w+: ", "").replace(acted.code(), "QQ99"), unknown.replaceAll("Recu \\w+: ", ""),
                "an unknown code is answered as a known one: the reply does not tell whether a code exists");
        assertEquals(done1.replaceAll("Recu \\w+: ", ""), strangerDone.replaceAll("Recu \\w+: ", ""), "a stranger gets the same reply");
        assertTrue(strangerFaux.contains("avis fausse alerte pour " + conflict.code()), strangerFaux);
        assertTrue(ok.startsWith("Recu "), ok);

        HttpResponse<String> officer = post(base + "/api/v1/alerts/" + conflict.id() + "/responses", token,
                "{\"outcome\": \"confirmed\", \"violence\": \"injuries\", \"comment\": \"deux blesses, appeler le +22376001234\"}");
        assertEquals(201, officer.statusCode(), officer.body());
        HttpResponse<String> refused = post(base + "/api/v1/alerts/" + conflict.id() + "/responses", token, "{\"peopleMoved\": true}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("peopleMoved"), refused.body());

        // the notifier checks each SMS response against the delivery ledger: the recipients' three are stored again verified,
        // the stranger's two kept on bourtol.rejected.v1
        String stranger = new org.bourtol.contracts.privacy.Pseudonyms(p.config().security().pseudonymKey()).of(STRANGER);
        List<List<AlertResponse>> read = new ArrayList<>(List.of(List.of()));
        List<List<Rejected>> refusedReplies = new ArrayList<>(List.of(List.of()));
        Poll.until(java.time.Duration.ofSeconds(90), "the verified responses and the stranger's rejected ones", () -> {
            read.set(0, TopicScan.values(p.kafka(), Topics.OUTCOMES));
            refusedReplies.set(0, TopicScan.<Rejected>values(p.kafka(), Topics.REJECTED).stream()
                    .filter(r -> r.code().equals("alert-reply-not-a-recipient")).toList());
            return read.get(0).stream().filter(AlertResponse::counts).count() >= 4 && refusedReplies.get(0).size() >= 2;
        });
        List<AlertResponse> stored = read.get(0);
        List<AlertResponse> counted = stored.stream().filter(AlertResponse::counts).toList();
        assertEquals(4, counted.size(), "2 FAIT + 1 FAUX from recipients, 1 officer outcome: " + stored);
        assertTrue(counted.stream().noneMatch(r -> stranger.equals(r.by())), "the stranger's responses never count: " + counted);
        assertEquals(2, refusedReplies.get(0).size(), refusedReplies.get(0).toString());
        assertTrue(refusedReplies.get(0).stream().allMatch(r -> stranger.equals(r.reporterId())), refusedReplies.get(0).toString());
        assertTrue(stored.stream().filter(r -> stranger.equals(r.by())).noneMatch(AlertResponse::verified), "kept unverified");
        assertTrue(stored.stream().noneMatch(r -> r.text() != null && r.text().contains("76001234")), "phone numbers masked: " + stored);
        Poll.until(java.time.Duration.ofSeconds(30), "the acknowledgement of " + acked.code(), () -> {
            try {
                return get(base + "/api/v1/alerts/" + acked.id(), token).path("acknowledged").asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // the alerts as they stand now (a loaded machine may have raised more since): the report must show each of them
        alerts.clear();
        for (JsonNode n : get(base + "/api/v1/alerts", token)) {
            alerts.add(Json.MAPPER.treeToValue(n, Alert.class));
        }
        Map<YearMonth, List<Alert>> byMonth = new TreeMap<>();
        alerts.forEach(a -> byMonth.computeIfAbsent(YearMonth.from(a.raisedAt().atZone(ZoneOffset.UTC)), m -> new ArrayList<>()).add(a));
        // the counts of every month's total, summed
        Map<String, Integer> sum = new TreeMap<>();
        for (YearMonth month : byMonth.keySet()) {
            JsonNode total = get(base + "/api/v1/reports/monthly?month=" + month, token).path("total").path("indicators");
            for (String count : List.of("alertsRaised", "smsSent", "alertsAcknowledged", "actions", "alertsWithAction", "outcomeFalseAlarm",
                    "falseAlarmViewsBySms", "outcomeConfirmed", "violenceInjuries")) {
                sum.merge(count, total.path(count).asInt(), Integer::sum);
            }
            assertEquals(byMonth.get(month).size(), total.path("alertsRaised").asInt(), month + " " + total);
            assertEquals(total.path("smsSent").asInt(), total.path("smsLocalSink").asInt(), "the demo's SMS all went to the local sink");
        }
        System.out.println("report totals over " + byMonth.keySet() + ": " + sum);
        assertEquals(alerts.size(), sum.get("alertsRaised"));
        int sent = sum.get("smsSent");
        assertTrue(sent >= demo.smsSent() && sent > 0, "every SMS the demo counted is in the report: " + sent + " vs " + demo.smsSent());
        assertEquals(2, sum.get("actions"));
        assertEquals(1, sum.get("alertsWithAction"));
        assertEquals(conflict == judged ? 0 : 1, sum.get("outcomeFalseAlarm"), "FAUX " + judged.code());
        assertEquals(1, sum.get("falseAlarmViewsBySms"));
        assertEquals(1, sum.get("outcomeConfirmed"));
        assertEquals(1, sum.get("violenceInjuries"));
        assertTrue(sum.get("alertsAcknowledged") >= 1, "OK " + acked.code());

        YearMonth month = YearMonth.from(acted.raisedAt().atZone(ZoneOffset.UTC));
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/monthly?month=" + month + "&format=csv"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        String[] header = lines.get(0).split(",");
        String[] totalLine = lines.get(lines.size() - 1).split(",", -1);
        assertEquals("provisional", totalLine[1], "the demo's months are still settling");
        assertEquals("all", totalLine[2]);
        assertEquals("1", totalLine[List.of(header).indexOf("alertsWithAction")], csv.body());
        assertEquals("2", totalLine[List.of(header).indexOf("actions")], csv.body());

        HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/monthly?month=" + month
                + "&format=html&lang=en")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
        assertTrue(html.body().contains("Monthly indicator report") && html.body().contains("data-indicator=\"alertsWithAction\""));
        assertFalse(html.body().contains("<script>"), "no inline script");

        ByteArrayOutputStream cli = new ByteArrayOutputStream();
        // the demo's season is in the past: the demo keeps its months settling (reports.settleDays), so does the command
        Map<String, String> cliEnv = Map.of("BOURTOL_KAFKA_BOOTSTRAP", p.kafkaBootstrap(),
                "BOURTOL_REPORTS_SETTLE_DAYS", String.valueOf(p.config().reports().settleDays()));
        ReportCommand command = new ReportCommand();
        command.month = month.toString();
        command.format = "csv";
        command.lang = "fr";
        int code = command.run(org.bourtol.contracts.config.ConfigLoader.load(Optional.empty(), cliEnv),
                new PrintStream(cli, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertEquals(csv.body(), cli.toString(StandardCharsets.UTF_8), "bourtol report prints what the API gives");

        // the console's report view of the month the demo played, as the officer sees it
        try (Browser b = new Browser()) {
            b.signIn(base, token);
            b.driver.get(base + "/#/reports?month=" + month);
            b.await(By.cssSelector("#report-view table"));
            b.await(By.cssSelector("#chart-weeks .uplot canvas"));
            assertEquals("1", b.driver.findElement(By.cssSelector("#report-view tr[data-indicator=alertsWithAction] td:last-child")).getText());
            assertEquals("2", b.driver.findElement(By.cssSelector("#report-view tr[data-indicator=actions] td:last-child")).getText());
            assertEquals(String.valueOf(byMonth.get(month).size()),
                    b.driver.findElement(By.cssSelector("#report-view tr[data-indicator=alertsRaised] td:last-child")).getText());
            b.shot("13-demo-report-" + month);
            ConsoleIT.assertNoConsoleErrors(b);
        }

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/monthly?month=2026-13"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
    }

    /** The demo number an SMS of alert {@code a} was sent to (the local sink's messages), or null. */
    private static String receiver(org.bourtol.simulator.twilio.LocalTwilioServer sink, Alert a) {
        java.util.regex.Pattern code = java.util.regex.Pattern.compile("\\b" + a.code() + "\\b");
        return sink.messages().stream().filter(m -> code.matcher(m.body()).find()).map(org.bourtol.simulator.twilio.LocalTwilioServer.Message::to)
                .findFirst().orElse(null);
    }

    private static SmsSender.Result send(SmsSender sms, String sid, String from, String body) throws Exception {
        SmsSender.Result r = sms.send(new Emission.Sms(Instant.now(), sid, from, body, Emission.Expect.OBSERVATION));
        assertEquals(200, r.status(), body + " -> " + r.reply());
        return r;
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
