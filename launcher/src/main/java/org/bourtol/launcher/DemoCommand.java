package org.bourtol.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Reporter;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.simulator.Simulation;
import org.bourtol.simulator.SimulationConsole;
import org.bourtol.simulator.scenario.Dataset;
import org.bourtol.simulator.scenario.ScenarioModel;
import org.bourtol.simulator.scenario.ScenarioSpec;
import org.bourtol.simulator.scenario.Timeline;
import org.bourtol.simulator.truth.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bourtol demo}: the whole system in one command. Starts embedded Kafka and MQTT, ingest,
 * rules and notifier on a fresh data directory, points Twilio at a local Twilio-compatible sink
 * (unless real Twilio credentials are configured) and prints every SMS it "sends", registers demo
 * recipients and verified focal points, plays the built-in season in about a minute, prints alerts as
 * they fire and a summary, then keeps serving until Ctrl-C ({@code --exit}: exit with 0 only when every
 * ground-truth event was detected).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded Bourtol, play a simulated Sahel season in about a minute and show the alerts.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--exit", description = "Exit after the summary (status 0 only if every ground-truth event was detected)")
    boolean exit;

    @Option(names = "--seconds", defaultValue = "45", description = "Wall seconds for the season replay (default: ${DEFAULT-VALUE})")
    double seconds;

    @Mixin
    SeasonOptions season;

    @Mixin
    ConfigOption config;

    @Mixin
    ConsoleLogs logs;

    @Override
    public Integer call() throws Exception {
        logs.quietUnlessAsked();
        Report report = run(config.path(), new HashMap<>(System.getenv()), season.spec(), seconds, System.out, season.json, !exit);
        return report.allDetected() ? 0 : 1;
    }

    /**
     * Starts the embedded platform, plays {@code spec} in about {@code seconds}, prints alerts and the
     * summary; with {@code serve}, keeps serving until the JVM is stopped.
     */
    public static Report run(Optional<Path> config, Map<String, String> env, ScenarioSpec spec, double seconds, PrintStream out,
                             Path json, boolean serve)
            throws Exception {
        return run(config, env, spec, seconds, out, json, serve, (platform, report) -> {});
    }

    /** What to do with the running platform once the season is played (tests backtest it), before serving or stopping. */
    @FunctionalInterface
    public interface AfterPlay {
        void accept(Instance platform, Report report) throws Exception;
    }

    /** As {@link #run(Optional, Map, ScenarioSpec, double, PrintStream, Path, boolean)}, then {@code after} on the running platform. */
    public static Report run(Optional<Path> config, Map<String, String> env, ScenarioSpec spec, double seconds, PrintStream out,
                             Path json, boolean serve, AfterPlay after)
            throws Exception {
        Path dataDir = env.containsKey("BOURTOL_DATA_DIR") ? Path.of(env.get("BOURTOL_DATA_DIR"))
                : Files.createTempDirectory("bourtol-demo-");
        env.put("BOURTOL_DATA_DIR", dataDir.toString());
        // a season in a minute: group alerts for 2 s instead of 30 s, and do not throttle recipients per wall hour
        env.putIfAbsent("BOURTOL_NOTIFIER_GROUP_WINDOW", "PT2S");
        env.putIfAbsent("BOURTOL_NOTIFIER_MAX_SMS_PER_RECIPIENT_PER_HOUR", "1000");
        // the season played is the last complete one, often more than a year ago: keep its points in InfluxDB
        env.putIfAbsent("BOURTOL_INFLUX_RETENTION", "INF");
        Timeline timeline = ScenarioModel.generate(spec, Dataset.sahel(), LocalDate.now(ZoneOffset.UTC));
        // the season's alerts carry its (past) dates, their SMS, acknowledgements and replies today's: keep the season's
        // months settling until 30 days from now, so their reports count those follow-ups (docs/reports.md, closed months)
        env.putIfAbsent("BOURTOL_REPORTS_SETTLE_DAYS", String.valueOf(
                java.time.temporal.ChronoUnit.DAYS.between(timeline.start(), java.time.Instant.now()) + 30));
        {
            if (!ConfigLoader.load(config, env).twilio().configured()) {
                // the simulator's local Twilio-compatible server takes the SMS (health says so, deliveries are marked local-sink);
                // the token signs the simulated inbound SMS
                env.putIfAbsent("TWILIO_AUTH_TOKEN", hex(16));
            }
            CountDownLatch closed = new CountDownLatch(1);
            try (Instance platform = Instance.start(new Instance.Options(config, env, true, parts(env), out))) {
                platform.localTwilio().ifPresent(sink -> {
                    sink.onMessage(msg -> out.println("                  " + msg));
                    out.println("Twilio: local sink at " + sink.baseUrl()
                            + " (set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM to send real SMS)");
                });
                Report report = play(platform, timeline, seconds, out, json, dataDir, env.get("BOURTOL_DEMO_PHONE"));
                after.accept(platform, report);
                if (serve) {
                    serveUntilStopped(platform, out, closed);
                }
                return report;
            } finally {
                closed.countDown();
            }
        }
    }

    private static Set<Instance.Part> parts(Map<String, String> env) {
        Set<Instance.Part> parts = EnumSet.of(Instance.Part.INGEST, Instance.Part.RULES, Instance.Part.NOTIFIER);
        if (env.get("BOURTOL_INFLUX_URL") != null) {
            parts.add(Instance.Part.TIMESERIES);
        }
        return parts;
    }

    private static Report play(Instance platform, Timeline timeline, double seconds, PrintStream out, Path json,
                               Path dataDir, String demoPhone)
            throws Exception {
        BourtolConfig cfg = platform.config();
        out.println("Bourtol is ready on http://" + cfg.http().host() + ":" + platform.httpPort() + " ("
                + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms; demo data: " + dataDir + ")");
        seed(platform, timeline, cfg, out, demoPhone);
        double speed = Duration.between(timeline.start(), timeline.end()).toSeconds() / seconds;
        String base = "http://127.0.0.1:" + platform.httpPort();
        Simulation.Target target = new Simulation.Target(platform.mqttUrl(), platform.gatewayMqtt().username(), platform.gatewayMqtt().password(), base,
                WebhookOptions.publicUrl(cfg, base), cfg.twilio().authToken(), "+22370000000", WebhookOptions.account(cfg), platform.kafka(),
                cfg.rules().applicationId());
        Report report = SimulationConsole.play(out, timeline, target, speed, Duration.ofMillis(300),
                Duration.ofSeconds(60), System.console() != null, json);
        out.println(summary(report));
        return report;
    }

    private static void serveUntilStopped(Instance platform, PrintStream out, CountDownLatch closed) throws InterruptedException {
        BourtolConfig cfg = platform.config();
        out.println("Still serving http://" + cfg.http().host() + ":" + platform.httpPort() + " - Ctrl-C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        // Ctrl-C: let the main thread stop the platform (components, brokers) before the JVM halts
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bourtol-demo-stop"));
        stop.await();
    }

    static String summary(Report r) {
        return String.format(java.util.Locale.ROOT,
                "%nSummary for the DRR officer: %d reports and readings sent (%d SMS from focal points), %d alerts raised and %d resolved,"
                        + " %d warning SMS sent; %d of %d real risks detected (median delay %d min of simulated time, %d ms on the wall clock),"
                        + " %d missed, %d false alerts.",
                r.messages().mqttSent() + r.messages().smsSent(), r.messages().smsSent(), r.alertsRaised(), r.alertsResolved(), r.smsSent(),
                r.detected(), r.detected() + r.missed(), r.simDelayMinutes().p50(), r.wallDelayMs().p50(), r.missed(), r.falseAlerts().size());
    }

    /** Demo recipients (peace committees and authorities) and the scenario's verified focal points. */
    /**
     * Registers the demo recipients and the scenario's verified focal points. The recipients' numbers
     * are synthetic; with real Twilio credentials they would be texted, so then every demo recipient
     * gets the number in {@code BOURTOL_DEMO_PHONE} instead, and none is registered without it.
     */
    static void seed(Instance p, Timeline timeline, BourtolConfig cfg, PrintStream out, String realPhone) throws Exception {
        List<Recipient> recipients = demoRecipients();
        if (cfg.twilio().configured() && (cfg.twilio().apiBaseUrl() == null || !cfg.twilio().apiBaseUrl().startsWith("http://127.0.0.1"))) {
            if (realPhone == null) {
                out.println("Real Twilio credentials are configured: no demo recipient registered (set BOURTOL_DEMO_PHONE to receive"
                        + " the demo's SMS on your own phone).");
                recipients = List.of();
            } else {
                recipients = recipients.stream().map(r -> new Recipient(r.id(), r.name(), r.role(), realPhone, r.language(), r.zones(),
                        r.hazards(), r.minSeverity(), r.channels(), r.quietHours(), r.timezone())).toList();
            }
        }
        seed(p, timeline, cfg, out, recipients);
    }

    private static List<Recipient> demoRecipients() {
        return List.of(
                new Recipient("pc-konna", "Comite de paix de Konna", "peace-committee", "+22376000001", "fr", List.of("konna"),
                        List.of(Hazard.CONFLICT, Hazard.FLOOD), Severity.Minor, List.of("sms"), null, null),
                new Recipient("pc-djenne", "Comite de paix de Djenne", "peace-committee", "+22376000002", "fr", List.of("djenne"),
                        List.of(Hazard.CONFLICT, Hazard.FLOOD), Severity.Minor, List.of("sms"), null, null),
                new Recipient("pc-diafarabe", "Comite de paix de Diafarabe", "peace-committee", "+22376000003", "fr", List.of("diafarabe"),
                        List.of(Hazard.CONFLICT, Hazard.FLOOD), Severity.Minor, List.of("sms"), null, null),
                new Recipient("prefet-mopti", "Prefecture de Mopti", "authority", "+22376000004", "fr", List.of("region-mopti", "mopti"),
                        List.of(Hazard.CONFLICT, Hazard.FLOOD), Severity.Severe, List.of("sms"), null, null),
                new Recipient("pc-niamey", "Protection civile Niamey", "authority", "+22790000005", "fr", List.of("niamey"),
                        List.of(Hazard.FLOOD), Severity.Moderate, List.of("sms"), null, null));
    }

    private static void seed(Instance p, Timeline timeline, BourtolConfig cfg, PrintStream out, List<Recipient> recipients)
            throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms(cfg.security().pseudonymKey());
        List<Reporter> reporters = new ArrayList<>();
        int n = 0;
        for (String phone : timeline.verifiedSenders()) {
            n++;
            reporters.add(new Reporter("focal-" + n, "Point focal " + n, phone, pseudonyms.of(phone), "fr", null, true));
        }
        try (Publisher publisher = new Publisher(p.kafka(), "bourtol-demo-seed")) {
            for (Recipient r : recipients) {
                publisher.publish(Topics.RECIPIENTS, r.id(), r).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            for (Reporter r : reporters) {
                publisher.publish(Topics.REPORTERS, r.id(), r).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        out.println("Registered " + recipients.size() + " recipients and " + reporters.size() + " verified focal points.");
        // the notifier and ingest read the directories from Kafka: wait until both serve the last ones seeded
        if (!recipients.isEmpty()) {
            awaitServed(p, "/api/v1/recipients/" + recipients.get(recipients.size() - 1).id());
        }
        if (!reporters.isEmpty()) {
            awaitServed(p, "/api/v1/reporters/" + reporters.get(reporters.size() - 1).id());
        }
    }

    /**
     * Polls {@code GET path} with the admin token until it answers 200; a request that times out (a
     * loaded machine) is tried again; fails after 30 s with the last answer.
     */
    static void awaitServed(Instance p, String path) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(p.httpBase() + path))
                .header("Authorization", "Bearer " + p.adminToken()).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                int status = http.send(get, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                last = "answered " + status;
            } catch (java.net.http.HttpTimeoutException e) {
                last = "no answer within 5 s";
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("seeded directory not served after 30 s: GET " + path + " " + last);
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
