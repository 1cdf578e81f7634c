package org.bourtol.launcher.cluster;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos with exact accounting on Bourtol as separate processes ({@code bourtol ingest}, {@code rules},
 * {@code notifier}, {@code timeseries}, one instance each) against one Kafka broker, mosquitto and InfluxDB, under
 * the load of {@link ChaosIT}: {@code kill -9} of ingest, rules and the notifier in turn while the others run
 * (restarted at once on its data directory, as an orchestrator would), mosquitto restarted, Kafka unavailable
 * (the broker killed for 20 s in CI, the full 60 s with {@code -Dchaos.minutes}), the Twilio server's faults and
 * InfluxDB down, as in {@link ChaosIT}; at the end every alert resolved with its all-clear. After each, the books of {@link ChaosAccount}
 * (every acknowledged input one observation, every delivery intent one Twilio message) and the recovery of
 * {@link ChaosRun#recovery} (first SMS after the restart; an alert raised after it reaches the committee).
 * Part of every build (it found the all-clear race of docs/reliability.md, now fixed and reproduced by
 * {@code notifier: SlowTwilioIT}).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ChaosProcessesIT {

    /** mosquitto holds ingest's queue while it is down (its default of 1,000 would drop the rest). */
    private static final String MOSQUITTO_CONFIG = "max_queued_messages 1000000\n";
    /** The https address Twilio would call (signatures are over it); the test talks to ingest's loopback port. */
    private static final String PUBLIC_URL = "https://bourtol.chaos.test";
    /** rules first: it creates the topics and seeds the default dataset. */
    private static final List<String> COMPONENTS = List.of("rules", "ingest", "notifier", "timeseries");

    @Test
    void separateComponentsSurviveKillsABrokerRestartAndKafkaDownWithExactAccounting() throws Exception {
        Path dir = Files.createTempDirectory("chaos-processes-it");
        Vertx vertx = Vertx.vertx();
        LocalTwilioServer twilio = LocalTwilioServer.start(vertx, 0).requireCredentials(ChaosIT.SID, ChaosIT.AUTH);
        Map<String, ExternalProcess> nodes = new LinkedHashMap<>();
        Map<String, Integer> ports = new HashMap<>();
        try (KafkaTrio kafka = KafkaTrio.started(dir, 1, ChaosRun.WAIT); Mosquitto mqtt = Mosquitto.start(MOSQUITTO_CONFIG);
                Influxd influx = Influxd.start()) {
            for (String name : COMPONENTS) {
                ports.put(name, ExternalProcess.freePort());
            }
            Map<String, String> common = new HashMap<>(Map.of(
                    "BOURTOL_KAFKA_BOOTSTRAP", kafka.bootstrap(),
                    "BOURTOL_MQTT_URL", mqtt.url(),
                    "BOURTOL_ADMIN_TOKEN", ChaosIT.ADMIN,
                    "BOURTOL_PSEUDONYM_KEY", "chaos-it-pseudonym-key-0123456789",
                    "BOURTOL_PUBLIC_URL", PUBLIC_URL,
                    "BOURTOL_INFLUX_URL", influx.url()));
            common.putAll(ChaosIT.twilioEnv(twilio));
            for (String name : COMPONENTS) {
                Map<String, String> env = new HashMap<>(common);
                env.put("BOURTOL_HTTP_PORT", String.valueOf(ports.get(name)));
                env.put("BOURTOL_DATA_DIR", dir.resolve(name).toString());
                env.put("BOURTOL_MQTT_CLIENT_ID", "bourtol-" + name);
                nodes.put(name, ChaosIT.bourtol(name, List.of(name), env, dir));
            }
            start(nodes.get("rules"), ports.get("rules"));
            for (String name : COMPONENTS.subList(1, COMPONENTS.size())) {
                nodes.get(name).launch();
            }
            for (String name : COMPONENTS.subList(1, COMPONENTS.size())) {
                Nodes.awaitHealthy(ports.get(name), nodes.get(name));
            }
            ChaosIT.configure(ports.get("rules"), ports.get("notifier"));
            SmsSender sms = new SmsSender("http://127.0.0.1:" + ports.get("ingest"), PUBLIC_URL, ChaosIT.AUTH, "+15005550006", ChaosIT.SID);
            try (ChaosLedger ledger = new ChaosLedger(kafka.bootstrap(), ChaosIT.COMMITTEE).start();
                    ChaosLoad load = new ChaosLoad(mqtt.url(), null, null, ChaosIT.READINGS_PER_SECOND, sms, ChaosIT.SMS_PER_SECOND).start();
                    ChaosRun run = new ChaosRun("ChaosProcessesIT", ChaosIT.title("ChaosProcessesIT (bourtol ingest, rules, notifier, timeseries; 1 Kafka broker, mosquitto, InfluxDB)"),
                            Path.of("target", "chaos-processes-it-summary.txt"), load, ledger, twilio, ChaosIT.PHONE)) {
                Poll.until(ChaosRun.WAIT, "the first SMS to the committee", () -> !twilio.messagesTo(ChaosIT.PHONE).isEmpty());
                run.scenario("steady load", () -> null);
                for (String name : List.of("ingest", "rules", "notifier")) {
                    Nodes.pause(Nodes.randomSeconds(2, 9));
                    run.scenario("kill -9 of " + name, () -> {
                        ExternalProcess p = nodes.get(name);
                        p.kill();
                        Instant restarted = Instant.now();
                        start(p, ports.get(name));
                        return run.recovery(restarted, Instant.now(), p);
                    });
                }
                Nodes.pause(Nodes.randomSeconds(2, 9));
                run.scenario("mosquitto restarted", () -> {
                    mqtt.stop();
                    Instant restarted = Instant.now();
                    mqtt.restart();
                    return run.recovery(restarted, Instant.now());
                });
                Duration down = Duration.ofSeconds(ChaosIT.SOAK_MINUTES > 0 ? 60 : 20);
                run.scenario("Kafka down " + down.toSeconds() + " s", () -> {
                    kafka.broker(0).kill();
                    Nodes.pause(down); // the outage itself
                    Instant restarted = Instant.now();
                    kafka.broker(0).launch();
                    Poll.until(ChaosRun.WAIT, "the Kafka broker back", () -> kafka.liveBrokers() == 1);
                    return run.recovery(restarted, Instant.now());
                });
                run.faultsAndOutage(influx);
                run.end(load, influx);
            }
        } finally {
            nodes.values().forEach(ExternalProcess::close);
            twilio.close();
            vertx.close();
        }
    }

    private static void start(ExternalProcess p, int port) {
        p.launch();
        Nodes.awaitHealthy(port, p);
    }
}
