package org.bourtol.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Poll;

/**
 * One chaos run's scenarios and table, shared by {@link ChaosIT} (run --embedded) and {@link ChaosProcessesIT}
 * (separate processes): each scenario is a line of the table, a failed one too; the recovery after a restart is
 * measured from outside (first SMS after it, and a probe: a Mopti alert raised after the restart must reach the
 * committee); a progress line every 15 s.
 */
final class ChaosRun implements AutoCloseable {

    static final Duration WAIT = Duration.ofMinutes(3);
    static final String TWILIO_FAULTS = "Twilio 429, 500, drop, slow, no answer";

    /** What a scenario does; returns its recovery text (null: none). */
    @FunctionalInterface
    interface Scenario {
        String run() throws Exception;
    }

    private final String name;
    private final String title;
    private final Path summary;
    private final ChaosLoad load;
    private final ChaosLedger ledger;
    private final LocalTwilioServer twilio;
    private final String phone;
    private final ChaosAccount account;
    private final List<String> rows = new ArrayList<>();
    private final List<Instant> brokerKills = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread progress;

    ChaosRun(String name, String title, Path summary, ChaosLoad load, ChaosLedger ledger, LocalTwilioServer twilio, String phone) {
        this.name = name;
        this.title = title;
        this.summary = summary;
        this.load = load;
        this.ledger = ledger;
        this.twilio = twilio;
        this.phone = phone;
        this.account = new ChaosAccount(load, ledger, twilio, phone);
        this.progress = new Thread(this::progress, "chaos-it-progress");
        progress.setDaemon(true);
        progress.start();
    }

    ChaosAccount account() {
        return account;
    }

    /** Runs a scenario, then closes the books on it: one line of the table (a failure is a line too, then fails). */
    void scenario(String name, Scenario body) throws Exception {
        String recovery;
        try {
            recovery = body.run();
        } catch (AssertionError e) {
            row(String.format("%-42s FAILED: %s", name, e.getMessage()));
            throw e;
        }
        row(account.close(name, recovery));
    }

    /** As {@link #recovery(Instant, Instant)}; a failure also says what the restarted process logged since its start. */
    String recovery(Instant restarted, Instant healthy, org.bourtol.testkit.ExternalProcess process) {
        try {
            return recovery(restarted, healthy);
        } catch (AssertionError e) {
            String log = Nodes.excerpt(process, 40);
            System.out.println(log);
            throw new AssertionError(e.getMessage() + log, e);
        }
    }

    /**
     * After a restart (at {@code restarted}; the process answered /health at {@code healthy}): the time until the
     * first SMS that leaves after the restart (Niamey's alert changes step every ~3 s), and a probe: Mopti rises
     * above its alert level and the new alert's SMS must reach the committee (time from the probe to that SMS).
     */
    String recovery(Instant restarted, Instant healthy) {
        int acknowledged = load.acknowledged().size();
        int observed = ledger.readings().size();
        int alerts = ledger.alertsIn(Set.of("niamey", "mopti")).values().stream().mapToInt(List::size).sum();
        Instant first;
        try {
            first = Poll.value(WAIT, "an SMS after the restart", () -> twilio.messagesTo(phone).stream()
                    .map(LocalTwilioServer.Message::dateCreated).filter(t -> !t.isBefore(restarted)).findFirst().orElse(null));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; readings acknowledged " + load.acknowledged().size() + " (" + acknowledged
                    + " when healthy), observed " + ledger.readings().size() + " (" + observed + "); SMS answered "
                    + load.answeredSms().size() + "; delivery intents " + ledger.sentSids().size() + "; alerts raised or changed "
                    + ledger.alertsIn(Set.of("niamey", "mopti")).values().stream().mapToInt(List::size).sum() + " (" + alerts + ")", e);
        }
        Set<String> before = ledger.alertsIn(Set.of("mopti")).keySet();
        Instant probe = Instant.now();
        load.moptiHigh(true);
        try {
            String code = Poll.value(WAIT, "a new Mopti alert", () -> ledger.alertsIn(Set.of("mopti")).entrySet().stream()
                    .filter(e -> !before.contains(e.getKey())).map(e -> e.getValue().get(0).alert().code()).findFirst().orElse(null));
            Instant sent;
            try {
                // after the probe only: alert codes are reused once an alert is over, an older SMS may name the same code
                sent = Poll.value(WAIT, "the SMS of Mopti alert " + code, () -> twilio.messagesTo(phone).stream()
                        .filter(m -> warns(m.body(), code) && !m.dateCreated().isBefore(probe.truncatedTo(ChronoUnit.SECONDS)))
                        .map(LocalTwilioServer.Message::dateCreated).findFirst().orElse(null));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; Mopti alerts " + ledger.alertsIn(Set.of("mopti")) + "; notified "
                        + ledger.notifiedAlerts() + "; last SMS " + last(3), e);
            }
            return String.format("%.1f s (%.1f s after healthy); probe %.1f s", seconds(restarted, first), seconds(healthy, first),
                    seconds(probe, sent));
        } finally {
            load.moptiHigh(false);
        }
    }

    /**
     * 429, then 500, then accepted with the connection dropped before the answer, then answers 5 s late, then no answer
     * at all (the notifier's HTTP client gives up after its read timeout); each for a while, then healthy.
     */
    String twilioFaults() throws InterruptedException {
        Duration each = Duration.ofSeconds(ChaosIT.SOAK_MINUTES > 0 ? 60 : 10);
        for (LocalTwilioServer.Fault f : List.of(LocalTwilioServer.Fault.tooManyRequests(), LocalTwilioServer.Fault.serverError(),
                LocalTwilioServer.Fault.acceptThenDrop(), LocalTwilioServer.Fault.slow(Duration.ofSeconds(5)),
                LocalTwilioServer.Fault.noAnswer())) {
            twilio.failTo(phone, f);
            Nodes.pause(each); // the outage itself
        }
        twilio.clearFaults();
        Instant cleared = Instant.now();
        Poll.until(WAIT, "every delivery intent sent after the faults", account::everyIntentSent);
        return String.format("%.1f s until every intent sent", seconds(cleared, Instant.now()));
    }

    /** The Twilio faults, then the InfluxDB outage (then {@link #end}). */
    void faultsAndOutage(Influxd influx) throws Exception {
        scenario(TWILIO_FAULTS, this::twilioFaults);
        scenario("InfluxDB down " + influxDown().toSeconds() + " s", () -> influxOutage(influx));
    }

    /**
     * The whole process with its embedded MQTT broker was killed with -9 at this instant: a reading the broker acknowledged
     * just before may be lost (the documented crash window, bounded by {@link CrashWindow}).
     */
    void brokerKilled(Instant at) {
        brokerKills.add(at);
    }

    /** The load stops with every level low; then the {@link #finalChecks}. */
    void end(ChaosLoad load, Influxd influx) throws Exception {
        load.finish();
        scenario("end: load stopped, every level low", () -> null);
        finalChecks(influx);
    }

    static Duration influxDown() {
        return Duration.ofSeconds(ChaosIT.SOAK_MINUTES > 0 ? 120 : 30);
    }

    String influxOutage(Influxd influx) throws InterruptedException {
        influx.stop();
        Nodes.pause(influxDown()); // the outage itself
        influx.restart();
        Instant back = Instant.now();
        // whole milliseconds: a reading's InfluxDB time is its observedAt (milliseconds) plus a sub-millisecond offset per id,
        // so a reading in the cutoff's own millisecond, before a cutoff with a sub-millisecond part, could be counted here
        // and lie after it in InfluxDB (a one-reading "gap" that is only the boundary)
        Instant cutoff = back.minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        long expected = ledger.readings().stream().filter(k -> Instant.parse(k.substring(k.indexOf('@') + 1)).isBefore(cutoff)).count();
        long[] held = {-1};
        try {
            Poll.until(WAIT, "InfluxDB caught up with the " + expected + " readings before it came back", () -> {
                held[0] = ChaosAccount.influxReadings(influx, cutoff);
                return held[0] == expected;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it holds " + held[0] + " (a count still growing is lag, a stuck one a gap)",
                    e);
        }
        return String.format("%.1f s to catch up", seconds(back, Instant.now()));
    }

    /**
     * After the load stopped with every level low: every Niamey and Mopti alert resolved, every notified one's all-clear
     * sent, InfluxDB holding every reading; then nothing lost, no SMS twice, every input one observation.
     */
    void finalChecks(Influxd influx) {
        Map<String, List<AlertEvent>> alerts = Poll.value(WAIT, "every Niamey and Mopti alert resolved", () -> {
            Map<String, List<AlertEvent>> a = ledger.alertsIn(Set.of("niamey", "mopti"));
            return a.values().stream().allMatch(ChaosLedger::resolved) ? a : null;
        });
        Set<String> notified = ledger.notifiedAlerts();
        for (Map.Entry<String, List<AlertEvent>> e : alerts.entrySet()) {
            if (notified.contains(e.getKey())) {
                String code = e.getValue().get(0).alert().code();
                Poll.until(WAIT, "the all-clear of " + code, () -> twilio.messagesTo(phone).stream()
                        .anyMatch(m -> allClearOf(m.body(), code)));
            }
        }
        Instant end = Instant.now().plusSeconds(1);
        Poll.until(WAIT, "InfluxDB holds every reading", () -> ChaosAccount.influxReadings(influx, end) == ledger.readings().size());
        Set<String> missing = new java.util.HashSet<>(load.acknowledged());
        missing.removeAll(ledger.readings());
        Map<Instant, List<String>> atKills = CrashWindow.lostAtKills(missing, load::ackedAt, brokerKills);
        long inWindow = atKills.values().stream().mapToLong(List::size).sum();
        System.out.printf("%s: readings lost in the embedded broker's crash window (acknowledged at most %d ms before a kill -9 "
                + "of the whole process; at most %d per kill): %s%n", name, CrashWindow.WINDOW.toMillis(), CrashWindow.PER_KILL, atKills);
        assertEquals(0, account.lost() - inWindow, "acknowledged inputs or due SMS lost (see the table's lost column); readings e.g. "
                + account.lostReadingsSample() + "; of them in the embedded broker's crash window: " + atKills);
        assertTrue(atKills.values().stream().allMatch(l -> l.size() <= CrashWindow.PER_KILL),
                "more than " + CrashWindow.PER_KILL + " reading lost at one kill of the embedded broker: " + atKills);
        assertEquals(0, account.duplicateSms(), "SMS sent twice for one delivery intent: " + account.duplicateSmsDetail());
        assertEquals(load.answeredSms().size(), ledger.smsObservations(), "every SMS answered 200 is one observation");
        assertEquals(inWindow, missing.size(), "every acknowledged reading observed but those lost in a crash window: " + missing);
        System.out.printf("%s: %d alerts raised and resolved, %d notified (the others rose and fell inside a backlog: "
                + "the planner warns about what is active)%n", name, alerts.size(), alerts.keySet().stream().filter(notified::contains).count());
    }

    /**
     * The SMS warns about the alert with this code: its text asks for {@code OK <code>} (alone or as a line of a grouped
     * SMS, which may also hold other alerts' all-clears).
     */
    static boolean warns(String body, String code) {
        return body.contains("OK " + code);
    }

    /** The SMS gives the all-clear of the alert with this code ({@code FIN D'ALERTE Mopti (JKF)}, or a grouped line {@code Fin Crue Mopti (JKF)}). */
    static boolean allClearOf(String body, String code) {
        return body.lines().anyMatch(l -> l.contains("(" + code + ")") && (l.startsWith("FIN D'ALERTE") || l.startsWith("Fin ")));
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private List<String> last(int n) {
        List<LocalTwilioServer.Message> all = twilio.messagesTo(phone);
        return all.subList(Math.max(0, all.size() - n), all.size()).stream().map(m -> m.dateCreated() + " " + m.body()).toList();
    }

    private void progress() {
        while (!Thread.currentThread().isInterrupted()) {
            System.out.printf("%s progress: %d readings acknowledged, %d observed, %d SMS answered, %d delivery intents, %d SMS%n", name,
                    load.acknowledged().size(), ledger.readings().size(), load.answeredSms().size(), ledger.sentSids().size(),
                    twilio.messagesTo(phone).size());
            try {
                TimeUnit.SECONDS.sleep(15);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void row(String r) {
        rows.add(r);
        System.out.println(name + " " + r);
    }

    /** Prints the table and writes it to the summary file. */
    @Override
    public void close() throws IOException {
        progress.interrupt();
        StringBuilder b = new StringBuilder("\n").append(title).append('\n').append(ChaosAccount.HEADER).append('\n');
        rows.forEach(r -> b.append(r).append('\n'));
        System.out.println(b);
        Files.writeString(summary, b.toString());
    }
}
