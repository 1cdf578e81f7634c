package org.bourtol.simulator.truth;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.Emission.Expect;
import org.bourtol.simulator.scenario.Timeline;

/**
 * The report's fault lines: for each fault kind, what the scenario sent and what Bourtol demonstrably
 * did with it, read back from its topics (never taken from the plan). A message and the records it
 * produced are matched by a natural key: the MessageSid for an SMS (ingest's ids are
 * {@code sms-<MessageSid>}), else kind, subject (herd or station) and {@code observedAt} for an
 * observation, MQTT topic and {@code observedAt} for a rejected payload. Pure.
 */
public final class FaultAudit {

    private static final Pattern SID = Pattern.compile("SM[0-9a-f]{32}");
    private static final Pattern OBSERVED_AT = Pattern.compile("\"observedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HERD_ID = Pattern.compile("\"herdId\"\\s*:\\s*\"([^\"]+)\"");

    private FaultAudit() {
    }

    /**
     * @param acked         per emission index: the broker acknowledged it (null: unknown, counted as not)
     * @param observations  the records seen on the observations topic during the run
     * @param rejected      the records seen on the rejected topic during the run
     * @param missed        ground-truth events missed
     * @param falseAlerts   false alerts raised
     */
    public static List<Report.FaultLine> audit(Timeline t, boolean[] acked, List<Observation> observations, List<Rejected> rejected,
                                               int missed, int falseAlerts) {
        Map<String, Set<String>> idsByKey = new HashMap<>();
        for (Observation o : observations) {
            idsByKey.computeIfAbsent(key(o), k -> new HashSet<>()).add(o.id());
        }
        List<Emission> emissions = t.emissions();
        long dupMqtt = 0;
        long dupSms = 0;
        long dupRemoved = 0;
        long[] lateSent = new long[Emission.Fault.values().length];
        long[] lateSeen = new long[Emission.Fault.values().length];
        long burstAcked = 0;
        Set<Instant> bursts = new HashSet<>();
        Map<String, Long> malformedSent = new TreeMap<>();
        Set<String> expectedRejections = new HashSet<>();
        for (int i = 0; i < emissions.size(); i++) {
            Emission e = emissions.get(i);
            String key = key(e);
            int ids = key == null ? 0 : idsByKey.getOrDefault(key, Set.of()).size();
            if (e.expect() == Expect.DUPLICATE) {
                dupMqtt += e instanceof Emission.Mqtt ? 1 : 0;
                dupSms += e instanceof Emission.Sms ? 1 : 0;
                dupRemoved += ids == 1 ? 1 : 0;
            } else if (e.expect() == Expect.REJECTED) {
                malformedSent.merge(e instanceof Emission.Sms ? "SMS" : "MQTT", 1L, Long::sum);
                expectedRejections.add(rejectedKey(e));
            } else if (e instanceof Emission.Mqtt m && m.fault() != Emission.Fault.NONE) {
                lateSent[m.fault().ordinal()]++;
                lateSeen[m.fault().ordinal()] += ids >= 1 ? 1 : 0;
                if (m.fault() == Emission.Fault.BURST) {
                    bursts.add(m.at());
                    burstAcked += acked != null && i < acked.length && acked[i] ? 1 : 0;
                }
            }
        }
        Set<String> matched = new HashSet<>();
        Map<String, Long> rejectedSeen = new TreeMap<>();
        long other = 0;
        for (Rejected r : rejected) {
            String k = rejectedKey(r);
            if (expectedRejections.contains(k)) {
                if (matched.add(k)) {
                    rejectedSeen.merge(r.source().name(), 1L, Long::sum);
                }
            } else {
                other++;
            }
        }
        boolean clean = missed == 0 && falseAlerts == 0;
        String outcome = clean ? "alert outcome unaffected (every event detected, 0 false)"
                : "alert outcome affected (" + missed + " missed, " + falseAlerts + " false)";
        long dupSent = dupMqtt + dupSms;
        long malformed = malformedSent.values().stream().mapToLong(Long::longValue).sum();
        int late = Emission.Fault.LATE.ordinal();
        int ooo = Emission.Fault.OUT_OF_ORDER.ordinal();
        int burst = Emission.Fault.BURST.ordinal();
        List<Report.FaultLine> lines = new ArrayList<>();
        long repeats = observations.size() - observations.stream().map(Observation::id).distinct().count();
        lines.add(new Report.FaultLine("duplicates", dupSent, dupSent + " sent (" + dupMqtt + " MQTT, " + dupSms + " SMS webhook retries)",
                dupRemoved, dupRemoved + " removed: one observation id each (" + repeats + " repeated records carry it)",
                dupRemoved == dupSent));
        lines.add(new Report.FaultLine("late", lateSent[late], lateSent[late] + " sent 35-50 min late (within grace)",
                lateSeen[late], lateSeen[late] + " seen; " + outcome, lateSeen[late] == lateSent[late] && clean));
        lines.add(new Report.FaultLine("out-of-order", lateSent[ooo], lateSent[ooo] + " sent after newer readings",
                lateSeen[ooo], lateSeen[ooo] + " seen; " + outcome, lateSeen[ooo] == lateSent[ooo] && clean));
        lines.add(new Report.FaultLine("malformed", malformed, malformed + " sent " + malformedSent,
                matched.size(), matched.size() + " rejected seen " + rejectedSeen + ", " + other + " other rejections",
                matched.size() == expectedRejections.size() && malformed == expectedRejections.size() && other == 0));
        lines.add(new Report.FaultLine("bursts", lateSent[burst], bursts.size() + " bursts (" + lateSent[burst] + " messages)",
                burstAcked, burstAcked + " acknowledged by the broker, " + lateSeen[burst] + " seen",
                burstAcked == lateSent[burst] && lateSeen[burst] == lateSent[burst]));
        return lines;
    }

    /** The natural key of the observation a message should become (null when it has none). */
    static String key(Emission e) {
        if (e instanceof Emission.Sms s) {
            return "sms|" + s.messageSid();
        }
        Emission.Mqtt m = (Emission.Mqtt) e;
        String[] levels = m.topic().split("/");
        String at = group(OBSERVED_AT, m.payload());
        if (levels.length < 2 || at == null) {
            return null;
        }
        String kind = levels[levels.length - 2];
        String subject = kind.equals("herd") ? group(HERD_ID, m.payload()) : levels[levels.length - 1];
        return kind + "|" + subject + "|" + instant(at);
    }

    static String key(Observation o) {
        Matcher sid = SID.matcher(o.id());
        if (sid.find()) {
            return "sms|" + sid.group();
        }
        String kind = o instanceof HerdPosition ? "herd" : o instanceof GaugeReading ? "gauge" : o instanceof RainReading ? "rain"
                : o instanceof CommunityReport ? "report" : o.getClass().getSimpleName();
        return kind + "|" + o.subject() + "|" + o.observedAt();
    }

    static String rejectedKey(Emission e) {
        if (e instanceof Emission.Sms s) {
            return "sms|" + s.messageSid();
        }
        Emission.Mqtt m = (Emission.Mqtt) e;
        String at = group(OBSERVED_AT, m.payload());
        return "mqtt|" + m.topic() + "|" + (at == null ? m.payload() : at);
    }

    static String rejectedKey(Rejected r) {
        Matcher sid = SID.matcher(r.id());
        if (sid.find()) {
            return "sms|" + sid.group();
        }
        String payload = r.payload() == null ? "" : r.payload();
        String at = group(OBSERVED_AT, payload);
        return "mqtt|" + r.origin() + "|" + (at == null ? payload : at);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String instant(String text) {
        try {
            return Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
