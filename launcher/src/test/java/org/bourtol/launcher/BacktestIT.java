package org.bourtol.launcher;

import static org.bourtol.launcher.testing.EmbeddedApi.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.console.BacktestConsole;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.rules.backtest.KafkaHistory;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The backtest end to end, as a user does it: the real {@code bourtol demo} process plays the demo scenario
 * (every fault on) into its embedded Bourtol and keeps serving; a backtest of the unchanged rules over its
 * season reproduces the live alert sequence exactly (same alerts, steps and times) and scores the same
 * ground-truth hits as the demo's own summary; lowering the Niamey yellow level gives an earlier onset,
 * the SMS counted per recipient (the first one earlier) and the Niamey flood detected earlier; an invalid
 * candidate rule is refused with 400 naming the field. Then {@code bourtol backtest} as a process against the
 * demo's Kafka (the table), in-process for {@code --json} and exit 2 naming the field, a full queue (429),
 * cancellation and the console's button.
 */
@Timeout(600)
class BacktestIT {

    private static final String FROM = "2025-07-01";
    private static final String TO = "2025-09-30";

    @Test
    void unchangedRulesReproduceTheLiveRunAndALowerNiameyLevelRaisesEarlier() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path dir = Files.createTempDirectory("bourtol-backtest-it");
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, DemoIT.SCENARIO);
        Path demoReport = dir.resolve("demo-report.json");
        int http = ExternalProcess.freePort();
        int kafkaPort = ExternalProcess.freePort();
        String token = "backtest-it-" + RunId.next();
        Map<String, String> env = Map.of("BOURTOL_DATA_DIR", dir.resolve("data").toString(), "BOURTOL_HTTP_PORT", String.valueOf(http),
                "BOURTOL_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort),
                "BOURTOL_EMBEDDED_MQTT_PORT", String.valueOf(ExternalProcess.freePort()), "BOURTOL_ADMIN_TOKEN", token);
        try (ExternalProcess demo = ExternalProcess.java("bourtol-demo", List.of("-Xmx1g"), "org.bourtol.launcher.Bourtol",
                List.of("demo", "--scenario", scenario.toString(), "--seconds", "20", "--json", demoReport.toString()), env, dir)) {
            demo.launch();
            Poll.until(Duration.ofSeconds(300), "bourtol demo played the season and serves", () -> {
                if (!demo.alive()) {
                    throw new AssertionError("bourtol demo exited: " + demo.logText());
                }
                return demo.logText().contains("Still serving");
            });
            System.out.println("bourtol demo:\n" + demo.logText().lines().filter(l -> l.startsWith("Summary") || l.contains("real risks"))
                    .collect(java.util.stream.Collectors.joining("\n")));
            String bootstrap = "127.0.0.1:" + kafkaPort;
            KafkaClients kafka = new KafkaClients(ConfigLoader.load(Optional.empty(), Map.of("BOURTOL_KAFKA_BOOTSTRAP", bootstrap)).kafka());
            awaitAlertsSettled(kafka, "bourtol-rules");
            backtest("http://127.0.0.1:" + http, token, bootstrap, Json.MAPPER.readTree(demoReport.toFile()), dir);
        }
    }

    /**
     * Waits until the rules app has consumed every record of its input topics (no lag), then until the alerts
     * topic stops growing for two of the live evaluator's 5 s ticks (windows that expired are resolved by then).
     */
    private static void awaitAlertsSettled(KafkaClients kafka, String rulesGroup) throws Exception {
        try (Admin admin = Admin.create(kafka.common())) {
            Poll.until(Duration.ofSeconds(240), "rules consumed every input", () -> lagOf(admin, rulesGroup) == 0);
        }
        KafkaHistory history = new KafkaHistory(kafka);
        long[] last = {-1, System.nanoTime()};
        Poll.until(Duration.ofSeconds(120), "alerts topic settled", () -> {
            int n = history.alerts(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z")).size();
            if (n != last[0]) {
                last[0] = n;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > Duration.ofSeconds(12).toNanos();
        });
    }

    private static long lagOf(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                return Long.MAX_VALUE;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : committed.entrySet()) {
                lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The live alerts and the replayed ones are the same alerts (ids, times, severities, evidence); the replay has every
     * step, the live run every step it published (a hot alert's updates of one severity go out together, with the latest
     * step: the reproduction above accounts for each one it did not publish). Steps are compared without their sequence
     * numbers: live, a firing station's measure-only updates reach the lifecycle together, so its steps are fewer.
     */
    private static void sameAlerts(JsonNode live, JsonNode replayed) {
        assertEquals(live.size(), replayed.size(), "same alerts: " + live + " / " + replayed);
        for (int i = 0; i < live.size(); i++) {
            ObjectNode a = ((ObjectNode) live.get(i)).deepCopy();
            ObjectNode b = ((ObjectNode) replayed.get(i)).deepCopy();
            JsonNode liveSteps = a.remove("steps");
            JsonNode replayedSteps = b.remove("steps");
            assertEquals(a, b, "same alert, times and evidence");
            List<JsonNode> all = new ArrayList<>();
            replayedSteps.forEach(step -> all.add(withoutSeq(step)));
            for (JsonNode step : liveSteps) {
                assertTrue(all.contains(withoutSeq(step)), "live step " + step + " replayed: " + replayedSteps);
            }
        }
    }

    private static JsonNode withoutSeq(JsonNode step) {
        ObjectNode copy = ((ObjectNode) step).deepCopy();
        copy.remove("seq");
        return copy;
    }

    private static void backtest(String base, String token, String bootstrap, JsonNode demoReport, Path dir) throws Exception {
        JsonNode rules = call(base, "GET", "/api/v1/rules", token, null, 200);
        ObjectNode niamey = null;
        for (JsonNode r : rules) {
            if (r.get("id").asText().equals("niamey-gauge-level")) {
                niamey = (ObjectNode) r.deepCopy();
            }
        }
        assertTrue(niamey != null, rules.toString());

        // 1. the unchanged rules reproduce exactly what the live topology raised
        JsonNode same = run(base, token, "{\"rules\":" + rules + ",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}");
        JsonNode r = same.get("result");
        System.out.println("unchanged: reproduction " + r.get("reproduction") + ", observations " + r.get("observations")
                + ", replay " + r.get("replayMillis") + " ms (" + r.get("observationsPerSecond") + " obs/s)");
        assertTrue(r.get("observations").asInt() > 500, r.get("observations").toString());
        assertTrue(r.get("reproduction").get("exact").asBoolean(), r.get("reproduction").toString());
        assertTrue(r.get("reproduction").get("liveEvents").asInt() >= 5, r.get("reproduction").toString());
        sameAlerts(r.get("currentAlerts"), r.get("candidateAlerts"));
        assertEquals(0, r.get("changedRules").size());
        for (JsonNode d : r.get("comparison").get("differences")) {
            assertEquals("[\"UNCHANGED\"]", d.get("kinds").toString(), d.toString());
        }
        groundTruth(r.get("groundTruth"), demoReport);

        // 2. a lower Niamey yellow level: earlier onset, more SMS
        ((ObjectNode) niamey.get("params")).put("warningCm", 500);
        JsonNode lower = run(base, token, "{\"rules\":[" + niamey + "],\"from\":\"2025-07-01\",\"to\":\"2025-09-30\"}").get("result");
        System.out.println("lowered: " + lower.get("comparison") + "\nsms: " + lower.get("sms"));
        assertEquals("[\"niamey-gauge-level\"]", lower.get("changedRules").toString());
        JsonNode earlier = null;
        for (JsonNode d : lower.get("comparison").get("differences")) {
            if (d.get("rule").asText().equals("niamey-gauge-level") && d.get("kinds").toString().contains("EARLIER")) {
                earlier = d;
            }
        }
        assertTrue(earlier != null, lower.get("comparison").toString());
        assertTrue(earlier.get("onsetShiftMinutes").asLong() < 0, earlier.toString());
        assertTrue(lower.get("reproduction").get("exact").asBoolean(), "the other rules still reproduce: " + lower.get("reproduction"));
        JsonNode niameySms = null;
        for (JsonNode line : lower.get("sms")) {
            if (line.get("recipient").asText().equals("pc-niamey")) {
                niameySms = line;
            }
        }
        // the Niamey civil protection is texted by both; the candidate's first SMS goes days earlier
        assertTrue(niameySms != null && niameySms.get("current").asInt() > 0 && niameySms.get("candidate").asInt() > 0, lower.get("sms").toString());
        assertTrue(Instant.parse(niameySms.get("candidateFirst").asText()).isBefore(Instant.parse(niameySms.get("currentFirst").asText())),
                niameySms.toString());
        assertEquals(niameySms.get("candidate").asInt() - niameySms.get("current").asInt(), niameySms.get("delta").asInt());
        // the SMS the earlier alert sends while the current rules are still silent
        assertTrue(niameySms.get("candidateBeforeCurrent").asInt() > 0, niameySms.toString());
        // against the ground truth: the same risks detected, the Niamey flood earlier
        JsonNode truth = lower.get("groundTruth");
        System.out.println("lowered, ground truth: current " + truth.get("current") + ", candidate " + truth.get("candidate"));
        assertTrue(truth.get("candidate").get("hits").asInt() >= truth.get("current").get("hits").asInt(), truth.toString());
        boolean niameyEarlier = false;
        for (JsonNode e : truth.get("events")) {
            if (e.get("id").asText().contains("niamey") && e.path("leadGainMinutes").asLong(0) > 0) {
                niameyEarlier = true;
            }
        }
        assertTrue(niameyEarlier, "a Niamey ground-truth flood warned earlier: " + truth.get("events"));

        // 3. an invalid candidate rule: 400 naming the field, as a save would
        ((ObjectNode) niamey.get("params")).put("warningCm", "high");
        JsonNode refused = call(base, "POST", "/api/v1/backtests", token,
                "{\"rules\":[" + niamey + "],\"from\":\"2025-07-01\",\"to\":\"2025-09-30\"}", 400);
        assertTrue(refused.toString().contains("warningCm"), refused.toString());
        JsonNode saved = call(base, "PUT", "/api/v1/rules/niamey-gauge-level", token, niamey.toString(), 400);
        assertEquals(saved.get("details").get(0).asText(), refused.get("details").get(0).asText().replaceFirst("^rule niamey-gauge-level: ", ""),
                "the same validator message as a save");

        cli(bootstrap, niamey, dir);
        queueAndCancel(base, token, rules);
        BacktestConsole.lowerNiameyAndTest(base, token, FROM, TO);
    }

    /**
     * The unchanged rules score the same against the ground truth as the live ones, and agree with the demo's own
     * scorer: every sensor-begun risk of the season the demo saw detected is a hit of the current rules (an alert the
     * loaded machine raised after the demo's summary may add hits, never remove one).
     */
    private static void groundTruth(JsonNode truth, JsonNode demoReport) {
        assertTrue(truth != null && !truth.isNull(), "the demo published its ground truth");
        System.out.println("unchanged, ground truth: current " + truth.get("current") + ", candidate " + truth.get("candidate"));
        assertEquals(truth.get("current"), truth.get("candidate"), "the same rules score the same");
        assertTrue(truth.get("current").get("hits").asInt() > 0, truth.toString());
        Map<String, Boolean> demo = new HashMap<>();
        for (JsonNode d : demoReport.get("detections")) {
            demo.put(d.get("event").asText(), d.get("detected").asBoolean());
        }
        for (JsonNode e : truth.get("events")) {
            Boolean detected = demo.get(e.get("id").asText());
            assertTrue(detected != null, "a ground-truth event the demo scored: " + e);
            if (detected) {
                assertTrue(e.path("currentAlertId").isTextual(), "the demo detected it, so do the live alerts in the backtest: " + e);
            }
        }
        assertEquals(truth.get("events").size(), truth.get("current").get("hits").asInt() + truth.get("current").get("misses").asInt());
    }

    /** {@code bourtol backtest} against the running platform's Kafka: the table, {@code --json}, exit 2 naming the field. */
    private static void cli(String bootstrap, ObjectNode niamey, Path dir) throws Exception {
        Path config = dir.resolve("bourtol.yaml");
        Files.writeString(config, "kafka:\n  bootstrap: " + bootstrap + "\n");
        ((ObjectNode) niamey.get("params")).put("warningCm", 500);
        Path lowered = dir.resolve("lowered.json");
        Files.writeString(lowered, "[" + niamey + "]");

        // the table, as an officer sees it: `bourtol backtest` in its own process
        String table;
        try (ExternalProcess command = ExternalProcess.java("bourtol-backtest", List.of("-Xmx512m"), "org.bourtol.launcher.Bourtol",
                List.of("backtest", "--config", config.toString(), "--rules", lowered.toString(), "--from", FROM, "--to", TO), Map.of(), dir)) {
            command.launch();
            int code = command.await(Duration.ofSeconds(240));
            table = command.logText();
            System.out.println("bourtol backtest (table):\n" + table);
            assertEquals(0, code, table);
        }
        assertTrue(table.contains("Changed rules: niamey-gauge-level"), table);
        assertTrue(table.contains("Unchanged rules reproduce the live alerts exactly"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("EARLIER") && l.contains("niamey-gauge-level")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("pc-niamey")), table);
        assertTrue(table.contains("Ground truth of the simulated period"), table);

        BourtolCommandTest.Result json = backtestCommand(config, lowered, "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode result = Json.MAPPER.readTree(json.out());
        assertEquals("[\"niamey-gauge-level\"]", result.get("changedRules").toString());
        assertTrue(result.get("reproduction").get("exact").asBoolean(), result.get("reproduction").toString());
        assertTrue(result.get("comparison").get("differences").toString().contains("EARLIER"), result.get("comparison").toString());

        ((ObjectNode) niamey.get("params")).put("warningCm", "high");
        Path invalid = dir.resolve("invalid.json");
        Files.writeString(invalid, "[" + niamey + "]");
        BourtolCommandTest.Result refused = backtestCommand(config, invalid);
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("niamey-gauge-level") && refused.err().contains("warningCm"), refused.err());
        assertEquals("", refused.out());
    }

    private static BourtolCommandTest.Result backtestCommand(Path config, Path rules, String... more) {
        List<String> args = new ArrayList<>(List.of("backtest", "--config", config.toString(), "--rules", rules.toString(),
                "--from", FROM, "--to", TO));
        args.addAll(List.of(more));
        return BourtolCommandTest.run(args.toArray(String[]::new));
    }

    /**
     * One backtest runs, three wait, the fifth is refused with 429; queued ones are cancelled at once and never run,
     * the running one stops (or had finished).
     */
    private static void queueAndCancel(String base, String token, JsonNode rules) throws Exception {
        String body = "{\"rules\":" + rules + ",\"from\":\"2025-07-01\",\"to\":\"2025-09-30\"}";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(call(base, "POST", "/api/v1/backtests", token, body, 202).get("id").asText());
        }
        JsonNode full = call(base, "POST", "/api/v1/backtests", token, body, 429);
        assertTrue(full.toString().contains("queue full"), full.toString());
        for (String id : ids.subList(1, 4)) {
            JsonNode cancelled = call(base, "DELETE", "/api/v1/backtests/" + id, token, null, 200);
            assertEquals("CANCELLED", cancelled.get("status").asText(), cancelled.toString());
        }
        JsonNode first = call(base, "POST", "/api/v1/backtests/" + ids.get(0) + "/cancel", token, null, 200);
        JsonNode end = Poll.value(Duration.ofSeconds(60), "first backtest stopped", () -> {
            try {
                JsonNode j = call(base, "GET", "/api/v1/backtests/" + ids.get(0), token, null, 200);
                return Set.of("CANCELLED", "DONE").contains(j.get("status").asText()) ? j : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("cancel of the running backtest: " + first.get("status") + " then " + end.get("status"));
        for (String id : ids.subList(1, 4)) {
            JsonNode j = call(base, "GET", "/api/v1/backtests/" + id, token, null, 200);
            assertEquals("CANCELLED", j.get("status").asText());
            assertTrue(j.get("result") == null || j.get("result").isNull(), j.toString());
        }
        // the queue is free again
        String again = call(base, "POST", "/api/v1/backtests", token, body, 202).get("id").asText();
        call(base, "DELETE", "/api/v1/backtests/" + again, token, null, 200);
    }

    private static JsonNode run(String base, String token, String body) throws Exception {
        JsonNode queued = call(base, "POST", "/api/v1/backtests", token, body, 202);
        String id = queued.get("id").asText();
        return Poll.value(Duration.ofSeconds(120), "backtest " + id + " finished", () -> {
            try {
                JsonNode j = call(base, "GET", "/api/v1/backtests/" + id, token, null, 200);
                String status = j.get("status").asText();
                if (status.equals("FAILED") || status.equals("CANCELLED")) {
                    throw new AssertionError(j.toString());
                }
                return status.equals("DONE") ? j : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
