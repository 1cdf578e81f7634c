package org.bourtol.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Poll;

/**
 * The chaos suite's books, closed after each scenario: waits (bounded) until every input acknowledged so far
 * is an observation and every delivery intent so far has left, then writes the scenario's line from the
 * differences since the last one; what is still missing then is counted lost in that line. An SMS counts twice when a Twilio message to the recipient carries a
 * MessageSid no ledger record names, or when one delivery id has several.
 */
final class ChaosAccount {

    static final String HEADER = String.format("%-42s %8s %12s %8s %9s %6s %10s %5s  %s",
            "scenario", "inputs", "observations", "dup.rec", "SMS due", "sent", "SMS twice", "lost", "recovery");
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration STUCK = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChaosLoad load;
    private final ChaosLedger ledger;
    private final LocalTwilioServer twilio;
    private final String phone;
    private long inputs;
    private long observations;
    private long duplicateRecords;
    private long intents;
    private long sent;
    private long twice;
    private long lost;
    private final Set<String> lostReadings = new HashSet<>();
    private long lostSms;
    private long lostIntents;

    ChaosAccount(ChaosLoad load, ChaosLedger ledger, LocalTwilioServer twilio, String phone) {
        this.load = load;
        this.ledger = ledger;
        this.twilio = twilio;
        this.phone = phone;
    }

    ChaosLoad load() {
        return load;
    }

    /**
     * Settles (bounded), then the scenario's line. What is still missing then counts as lost in this line (and is not
     * waited for again); {@link #lost()} is the total the test fails on after the last scenario.
     */
    String close(String scenario, String recovery) {
        Set<String> snapshot = load.acknowledged();
        Set<String> acked = new HashSet<>(snapshot);
        acked.removeAll(lostReadings);
        int answered = load.answeredSms().size();
        try {
            // progress: how many of this snapshot are observations (the load goes on, so not the topic's size)
            settle(() -> {
                Set<String> seen = ledger.readings();
                return acked.stream().filter(seen::contains).count();
            }, () -> ledger.readings().containsAll(acked));
        } catch (AssertionError e) {
            Set<String> missing = new HashSet<>(acked);
            missing.removeAll(ledger.readings());
            lostReadings.addAll(missing);
        }
        try {
            Poll.until(SETTLE, "every SMS answered 200 observed", () -> ledger.smsObservations() + lostSms >= answered);
        } catch (AssertionError e) {
            lostSms = answered - ledger.smsObservations();
        }
        try {
            Poll.until(SETTLE, "every delivery intent sent", this::everyIntentSent);
        } catch (AssertionError e) {
            lostIntents = unsent();
        }
        long nowLost = lostReadings.size() + lostSms + lostIntents;
        long nowInputs = snapshot.size() + (long) answered;
        // the inputs of the snapshot that are observations (the load goes on meanwhile: later ones are the next line's)
        Set<String> observed = new HashSet<>(snapshot);
        observed.retainAll(ledger.readings());
        long nowObservations = observed.size() + Math.min(answered, ledger.smsObservations());
        long nowIntents = ledger.sentSids().size();
        long nowSent = twilio.messagesTo(phone).size();
        long nowTwice = duplicateSms();
        String line = String.format("%-42s %8d %12d %8d %9d %6d %10d %5d  %s", scenario, nowInputs - inputs,
                nowObservations - observations, ledger.duplicateRecords() - duplicateRecords, nowIntents - intents,
                nowSent - sent, nowTwice - twice, nowLost - lost, recovery == null ? "" : recovery);
        inputs = nowInputs;
        observations = nowObservations;
        duplicateRecords = ledger.duplicateRecords();
        intents = nowIntents;
        sent = nowSent;
        twice = nowTwice;
        lost = nowLost;
        return line;
    }

    /**
     * Waits until {@code done}, at most {@link #SETTLE}, and no longer than {@link #STUCK} without {@code progress}
     * growing: a backlog still draining is waited for, a gap that no longer closes is not.
     */
    private static void settle(java.util.function.LongSupplier progress, java.util.function.BooleanSupplier done) {
        long[] last = {progress.getAsLong()};
        Instant[] moved = {Instant.now()};
        Poll.until(SETTLE, "settled", () -> {
            if (done.getAsBoolean()) {
                return true;
            }
            long now = progress.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                moved[0] = Instant.now();
            } else if (Instant.now().isAfter(moved[0].plus(STUCK))) {
                throw new AssertionError("no progress for " + STUCK.toSeconds() + " s");
            }
            return false;
        });
    }

    /** Acknowledged inputs and due SMS found missing so far (each counted once). */
    long lost() {
        return lost;
    }

    /**
     * Some of the readings counted lost, for the failure message, each marked {@code (observed later)} when it became an
     * observation after its scenario had settled: stuck for a while (e.g. in flight until the next reconnect), not gone.
     */
    List<String> lostReadingsSample() {
        Set<String> seen = ledger.readings();
        return lostReadings.stream().sorted().limit(10).map(r -> seen.contains(r) ? r + " (observed later)" : r).toList();
    }

    /** Every delivery intent of the recipient (but those already counted lost) has a MessageSid the Twilio server's log holds. */
    boolean everyIntentSent() {
        return unsent() <= lostIntents;
    }

    private long unsent() {
        Set<String> logged = twilio.messagesTo(phone).stream().map(LocalTwilioServer.Message::sid).collect(Collectors.toSet());
        return ledger.sentSids().values().stream().filter(s -> s.stream().noneMatch(logged::contains)).count();
    }

    /** Twilio messages beyond one per delivery intent (messages older than 15 s that no record names, extra sids). */
    long duplicateSms() {
        Map<String, Set<String>> sids = ledger.sentSids();
        Set<String> known = sids.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        long extra = sids.values().stream().mapToLong(s -> Math.max(0, s.size() - 1)).sum();
        Instant settled = Instant.now().minusSeconds(15);
        return extra + twilio.messagesTo(phone).stream()
                .filter(m -> !known.contains(m.sid()) && m.dateCreated().isBefore(settled)).count();
    }

    String duplicateSmsDetail() {
        Set<String> known = ledger.sentSids().values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        List<String> unknown = twilio.messagesTo(phone).stream().filter(m -> !known.contains(m.sid())).map(Object::toString).toList();
        return "messages no ledger record names: " + unknown + "; delivery ids with several: " + ledger.sentSids().entrySet().stream()
                .filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /** MQTT river readings InfluxDB holds with an observation time before {@code cutoff}; -1 while it does not answer. */
    static long influxReadings(Influxd influx, Instant cutoff) {
        String q = "SELECT count(level_cm) FROM gauge_level WHERE source = 'mqtt' AND time < '" + cutoff + "'";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=bourtol&q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode values = JSON.readTree(r.body()).at("/results/0/series/0/values/0/1");
            return values.isMissingNode() ? 0 : values.asLong();
        } catch (Exception e) {
            return -1;
        }
    }
}
