package org.bourtol.launcher.cluster;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos with exact accounting on {@code bourtol run --embedded} (embedded Kafka and MQTT broker, InfluxDB
 * and the Twilio-compatible server outside), under a real load: river readings over MQTT (Niamey raises,
 * escalates and resolves its alert every 12.8 s) and signed rain SMS — 60 and 5 a second in CI, 200 and 20
 * in a soak ({@code -Dchaos.readingsPerSecond}, {@code -Dchaos.smsPerSecond}). Injected
 * in turn: {@code kill -9} of the whole process at random moments, restarted at once on the same data
 * directory (5 times; more with {@code -Dchaos.minutes=N}), each followed by a probe (a Mopti alert raised
 * after the restart must reach its recipient); the Twilio server answering 429, 500, dropping connections
 * after accepting, answering late and not answering; and InfluxDB down (30 s here, the full 2 minutes with
 * {@code -Dchaos.minutes}). After each, checked from outside: every reading the broker acknowledged and
 * every SMS answered 200 is one observation (repeated records counted), every delivery intent to the
 * committee is exactly one Twilio message (none lost, none twice), InfluxDB holds every reading, and at
 * the end no alert is left active. Recovery after a restart: until the first SMS leaves after it. The table
 * is printed and written to {@code target/chaos-it-summary.txt}, failed scenarios included. Every build runs the
 * kills and the end checks; the Twilio faults and the InfluxDB outage with {@code -Dchaos=true} or a soak ({@link #FULL}).
 * Components as separate processes, killed in turn: {@link ChaosProcessesIT}, and with failover to a second
 * instance {@link ClusterIT}.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class ChaosIT {

    static final String ADMIN = "chaos-it-admin-token-0123456789";
    static final String SID = "AC" + "d".repeat(32);
    static final String AUTH = "chaos-it-twilio-token";
    static final String COMMITTEE = "chaos-pc";
    static final String PHONE = "+22790000088";
    /** 0 in CI: the bounded suite; N: a soak of about N minutes of crash loops, then the full outages. */
    static final int SOAK_MINUTES = Integer.getInteger("chaos.minutes", 0);

    /** kill -9 of the whole process this many times ({@code -Dchaos.kills}, at least 5), then as long as a soak lasts. */
    static final int KILLS = Math.max(5, Integer.getInteger("chaos.kills", 5));

    /**
     * The whole suite ({@code -Dchaos=true}, or a soak with {@code -Dchaos.minutes=N}): the kills, then the Twilio faults
     * and the InfluxDB outage. Without it (every build) the kills and the end checks only: the same faults and outage are
     * {@link ChaosProcessesIT}'s in the same build, and the build stays within its time.
     */
    static final boolean FULL = Boolean.getBoolean("chaos") || SOAK_MINUTES > 0;

    /** MQTT readings and SMS per second: modest in CI (2 shared cores; a backlog after each crash must drain), more in a soak. */
    static final int READINGS_PER_SECOND = Integer.getInteger("chaos.readingsPerSecond", SOAK_MINUTES > 0 ? 200 : 60);
    static final int SMS_PER_SECOND = Integer.getInteger("chaos.smsPerSecond", SOAK_MINUTES > 0 ? 20 : 5);

    @Test
    void embeddedBourtolSurvivesCrashesAndOutagesWithExactAccounting() throws Exception {
        Path dir = Files.createTempDirectory("chaos-it");
        Vertx vertx = Vertx.vertx();
        LocalTwilioServer twilio = LocalTwilioServer.start(vertx, 0).requireCredentials(SID, AUTH);
        int http = ExternalProcess.freePort();
        int kafkaPort = ExternalProcess.freePort();
        int mqttPort = ExternalProcess.freePort();
        try (Influxd influx = Influxd.start()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "BOURTOL_DATA_DIR", dir.resolve("data").toString(),
                    "BOURTOL_HTTP_PORT", String.valueOf(http),
                    "BOURTOL_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort),
                    "BOURTOL_EMBEDDED_MQTT_PORT", String.valueOf(mqttPort),
                    "BOURTOL_ADMIN_TOKEN", ADMIN,
                    "BOURTOL_PUBLIC_URL", "http://127.0.0.1:" + http,
                    "BOURTOL_INFLUX_URL", influx.url()));
            env.putAll(twilioEnv(twilio));
            ExternalProcess bourtol = bourtol("bourtol-embedded", List.of("run", "--embedded"), env, dir);
            try {
                bourtol.launch();
                Nodes.awaitHealthy(http, bourtol);
                configure(http, http);
                String gateway = Files.readAllLines(dir.resolve("data").resolve("mqtt-users.properties")).stream()
                        .filter(l -> l.startsWith("bourtol-gateway=")).findFirst().orElseThrow().substring("bourtol-gateway=".length());
                SmsSender sms = new SmsSender("http://127.0.0.1:" + http, null, AUTH, "+15005550006", SID);
                try (ChaosLedger ledger = new ChaosLedger("127.0.0.1:" + kafkaPort, COMMITTEE).start();
                        ChaosLoad load = new ChaosLoad("tcp://127.0.0.1:" + mqttPort, "bourtol-gateway", gateway, READINGS_PER_SECOND, sms,
                                SMS_PER_SECOND).start();
                        ChaosRun run = new ChaosRun("ChaosIT", title("ChaosIT (run --embedded, InfluxDB, local Twilio server)"),
                                Path.of("target", "chaos-it-summary.txt"), load, ledger, twilio, PHONE)) {
                    Poll.until(ChaosRun.WAIT, "the first SMS to the committee", () -> !twilio.messagesTo(PHONE).isEmpty());
                    run.scenario("steady load", () -> null);
                    Instant soakEnd = Instant.now().plus(Duration.ofMinutes(SOAK_MINUTES));
                    for (int i = 1; i <= KILLS || Instant.now().isBefore(soakEnd); i++) {
                        Nodes.pause(Nodes.randomSeconds(2, 9));
                        run.scenario("kill -9 of run --embedded #" + i, () -> crashAndRestart(bourtol, http, run));
                    }
                    if (FULL) {
                        run.faultsAndOutage(influx);
                    }
                    run.end(load, influx);
                }
            } finally {
                bourtol.close();
            }
        } finally {
            twilio.close();
            vertx.close();
        }
    }

    /** The title line of a table: the rates, the date and the machine's load average. */
    static String title(String what) {
        return String.format("%s, readings %d/s + SMS %d/s, %s, load average %.1f", what, READINGS_PER_SECOND, SMS_PER_SECOND,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Twilio (the local server) and the notifier's limits out of the way of the load. */
    static Map<String, String> twilioEnv(LocalTwilioServer twilio) {
        return Map.of(
                "TWILIO_ACCOUNT_SID", SID,
                "TWILIO_AUTH_TOKEN", AUTH,
                "TWILIO_FROM", "+15005550006",
                "TWILIO_API_BASE_URL", twilio.baseUrl(),
                "BOURTOL_NOTIFIER_GROUP_WINDOW", "PT1S",
                "BOURTOL_NOTIFIER_REPEAT_INTERVAL", "PT24H",
                "BOURTOL_NOTIFIER_MAX_SMS_PER_RECIPIENT_PER_HOUR", "10000",
                ConfigLoader.envName("notifier.maxSmsPerHour"), "100000",
                ConfigLoader.envName("ingest.smsPerSenderPerHour"), "100000",
                "BOURTOL_LOG_LEVEL", "INFO");
    }

    /**
     * A bourtol command in its own JVM with the command's own logging (Bourtol at INFO), not the test's logback-test.xml;
     * {@code -Dchaos.logback=-Dlogback.configurationFile=FILE} for another (the brokers' coordinators at INFO, to see a stall).
     */
    static ExternalProcess bourtol(String name, List<String> args, Map<String, String> env, Path dir) {
        return ExternalProcess.java(name, List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                System.getProperty("chaos.logback", "-Dlogback.configurationFile=logback.xml")), "org.bourtol.launcher.Bourtol", args, env, dir);
    }

    /** Thresholds without hold time (alerts resolve as soon as the river falls), no rise-rate alert; the committee. */
    static void configure(int rules, int notifier) throws Exception {
        Nodes.put(rules, ADMIN, "/api/v1/rules/niamey-gauge-level", """
                {"type": "gauge-level", "enabled": true, "zones": ["niamey"],
                 "params": {"warningCm": 530, "alertCm": 580, "dangerCm": 620, "hysteresisCm": 20, "holdMinutes": 0},
                 "severity": {"warning": "Moderate", "alert": "Severe", "danger": "Extreme"}}""");
        Nodes.put(rules, ADMIN, "/api/v1/rules/mopti-gauge-level", """
                {"type": "gauge-level", "enabled": true, "zones": ["mopti"],
                 "params": {"alertCm": 650, "hysteresisCm": 20, "holdMinutes": 0}, "severity": {"alert": "Severe"}}""");
        Nodes.put(rules, ADMIN, "/api/v1/rules/niger-rise-rate", """
                {"type": "gauge-rise-rate", "enabled": false, "zones": ["niamey"], "params": {"riseCm": 100, "windowHours": 72},
                 "severity": {"fire": "Moderate"}}""");
        Nodes.registerFloodCommittee(notifier, ADMIN, COMMITTEE, PHONE, "niamey", "mopti");
    }

    /** kill -9, restart at once on the same data; the recovery measured by {@link ChaosRun#recovery}. */
    private static String crashAndRestart(ExternalProcess bourtol, int http, ChaosRun run) {
        bourtol.kill();
        Instant restarted = Instant.now();
        run.brokerKilled(restarted);
        System.out.println("ChaosIT: killed and restarting at " + restarted); // to place a lost reading's time
        bourtol.launch();
        Nodes.awaitHealthy(http, bourtol);
        return run.recovery(restarted, Instant.now(), bourtol);
    }
}
