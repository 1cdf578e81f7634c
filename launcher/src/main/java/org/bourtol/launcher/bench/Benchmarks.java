package org.bourtol.launcher.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.kafka.KafkaClients;

/** Runs the selected hops of {@code bourtol bench} against one {@link Target}, printing each as it completes. */
public final class Benchmarks {

    /** The hops {@code --hops} selects; {@code memory} is not one of the defaults (a simulated week of herds takes long). */
    public enum Hops {
        mqtt, sms, notify, rules, backtest, memory;

        /** True for the hops measured on a running Bourtol (the others run in-process, without a broker). */
        public boolean live() {
            return this != backtest && this != memory;
        }
    }

    /** Station of the MQTT and rules hops, and its levels: below every warning (MQTT, SMS) and above the warning (rules). */
    static final String STATION = "niamey";
    static final int QUIET_LEVEL = 100;
    static final int ALERT_LEVEL = 545;

    private final int messages;
    private final int recipients;
    private final int rounds;
    private final Set<Hops> hops;
    private final PrintWriter out;
    private final Jit jit;
    private final int cpuThreads;

    /**
     * {@code rounds}: saturation runs of every path, taking turns ({@link Hop#measure}); {@code warmUp}: the longest
     * warm-up of a hop, in rounds until the JIT has settled ({@link Jit}); {@code cpuThreads}: each path's CPU per message
     * printed split by its that many busiest threads (0: not printed; always in the JSON).
     */
    public Benchmarks(int messages, int recipients, int rounds, Set<Hops> hops, Duration warmUp, int cpuThreads, PrintWriter out) {
        this.messages = messages;
        this.recipients = recipients;
        this.rounds = rounds;
        this.hops = hops;
        this.out = out;
        this.jit = Jit.ofThisJvm(warmUp);
        this.cpuThreads = cpuThreads;
    }

    /** The embedded Bourtol: raw MQTT baseline published by the notifier's account, read by the gateway's (the broker's ACL). */
    public static Target embedded(Instance p) {
        BourtolConfig.Mqtt c = p.config().mqtt();
        BourtolConfig.Mqtt g = p.gatewayMqtt();
        LocalTwilioServer sink = p.localTwilio().orElse(null);
        return new Target(p.config(), p.kafka(), p.mqttUrl(), new Target.Account(g.username(), g.password()),
                new Target.Account(c.notifierUsername(), c.notifierPassword()), new Target.Account(g.username(), g.password()),
                c.prefix() + "/alerts/bench-raw", p.httpBase(), p.config().twilio().authToken(), sink, true);
    }

    /** A running Bourtol from configuration: one MQTT account publishes and subscribes the raw baseline's topic. */
    public static Target external(BourtolConfig cfg) {
        BourtolConfig.Mqtt m = cfg.mqtt();
        String url = m.url() != null ? m.url() : "tcp://127.0.0.1:" + m.embeddedPort();
        Target.Account account = new Target.Account(m.username(), m.password());
        return new Target(cfg, new KafkaClients(cfg.kafka()), url, account, account, account, m.prefix() + "/alerts/bench-raw",
                "http://" + cfg.http().host() + ":" + cfg.http().port(), cfg.twilio().authToken(), null, false);
    }

    /** Measures the selected hops; returns their figures for {@code --json}. */
    public List<Map<String, Object>> run(Target target, BourtolConfig userConfig) throws Exception {
        List<Hop> done = new ArrayList<>();
        // this process's threads are the whole pipeline only when it hosts the Bourtol it measures
        ThreadCpu cpu = target.embedded() ? ThreadCpu.ofThisJvm() : ThreadCpu.NONE;
        double mqttSaturation = 0;
        if (hops.contains(Hops.mqtt)) {
            Hop mqtt = print(new MqttHop(target, STATION, QUIET_LEVEL).measure(messages, rounds, jit, cpu));
            done.add(mqtt);
            mqttSaturation = mqtt.rows().get(1).saturation().perSecond(); // ingest
        }
        if (hops.contains(Hops.sms)) {
            if (target.twilioToken() == null) {
                out.println("SMS webhook hop skipped: twilio.authToken is not configured (the webhook would refuse unsigned requests)");
            } else {
                done.add(print(new SmsHop(target, "NIVEAU " + STATION.toUpperCase(Locale.ROOT) + " " + QUIET_LEVEL).measure(messages, rounds, jit, cpu)));
            }
        }
        if (hops.contains(Hops.notify)) {
            if (target.sink() == null) {
                out.println("notifier hops skipped: they need the embedded Bourtol's local Twilio sink");
            } else {
                for (Hop h : new NotifyHop(target, STATION, recipients, mqttSaturation / 2).measure(userConfig.notifier().groupWindow(),
                        userConfig.notifier().effectiveExtremeWindow())) {
                    done.add(print(h));
                }
            }
        }
        if (hops.contains(Hops.rules)) {
            done.add(print(new RulesHop(target, STATION, ALERT_LEVEL).measure(messages, rounds, jit, cpu)));
        }
        return done.stream().map(Hop::json).toList();
    }

    private Hop print(Hop h) {
        out.println();
        out.print(h.table(cpuThreads));
        out.println(machineLine());
        out.flush();
        return h;
    }

    /** Cores and the 1-minute load average now: every figure is relative to them. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("loadAverage", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    public static String machineLine() {
        Map<String, Object> m = machine();
        return String.format(Locale.ROOT, "machine: %s cores, load average %s (1 min), Java %s", m.get("cores"), m.get("loadAverage"), m.get("java"));
    }
}
