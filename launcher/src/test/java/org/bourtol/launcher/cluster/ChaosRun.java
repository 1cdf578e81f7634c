package org.bourtol.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.Poll;

/**
 * One chaos run's scenarios and table, shared by {@link ChaosIT} (run --embedded) and {@link ChaosProcessesIT}
 * (separate processes): each scenario is a line of the table, a failed one too; the recovery after a restart is
 * measured from outside (first SMS after it, and a probe: a Mopti alert raised after the restart must reach the
 * committee); a progress line every 15 s.
 */
final class ChaosRun implements AutoCloseable {

    static final Duration WAIT = Duration.ofMinutes(3);

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

    /**
     * After a restart (at {@code restarted}; the process answered /health at {@code healthy}): the time until the
     * first SMS that leaves after the restart (Niamey's alert changes step every ~3 s), and a probe: Mopti rises
     * above its alert level and the new alert's SMS must reach the committee (time from the probe to that SMS).
     */
    String recovery(Instant restarted, Instant healthy) {
        Instant first;
        try {
            first = Poll.value(WAIT, "an SMS after the restart", () -> twilio.messagesTo(phone).stream()
                    .map(LocalTwilioServer.Message::dateCreated).filter(t -> !t.isBefore(restarted)).findFirst().orElse(null));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; readings observed " + ledger.readings().size() + ", delivery intents "
                    + ledger.sentSids().size(), e);
        }
        Set<String> before = ledger.alertsIn(Set.of("mopti")).keySet();
        Instant probe = Instant.now();
        load.moptiHigh(true);
        try {
            String code = Poll.value(WAIT, "a new Mopti alert", () -> ledger.alertsIn(Set.of("mopti")).entrySet().stream()
                    .filter(e -> !before.contains(e.getKey())).map(e -> e.getValue().get(0).alert().code()).findFirst().orElse(null));
            Instant sent;
            try {
                sent = Poll.value(WAIT, "the SMS of Mopti alert " + code, () -> twilio.messagesTo(phone).stream()
                        .filter(m -> warns(m.body(), code)).map(LocalTwilioServer.Message::dateCreated)
                        .findFirst().orElse(null));
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
