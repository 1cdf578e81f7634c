package org.bourtol.rules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.observation.Hazard;

/**
 * What a rule family tells the alert lifecycle about one (rule, alert zone) from one source (a
 * station, herd or zone): firing with a level and severity, or clear. Internal to the rules topology
 * (repartition topic), keyed by {@code rule|zone}. An {@code ack} signal carries an acknowledgement
 * instead (code or alertId in {@code source}, actor in {@code level}). {@code onset}, when set, is the
 * event time the firing began, sent again when late data moved it earlier than the alert's raise. A
 * {@code warning} signal carries an officer-issued warning document instead. Built with the factories
 * ({@link #fire}, {@link #clear}, {@link #ack}, {@link #warning}); the canonical constructor is for JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(String rule, String ruleType, Hazard hazard, String zone, String source, boolean fire,
        String level, Severity severity, Map<String, String> headline, List<Evidence> evidence,
        Instant at, Ack ack, Instant onset, Warning warning) {

    /** A firing of {@code rule} in {@code zone} from {@code source}, at event time {@code at}. */
    public static Signal fire(String rule, String ruleType, Hazard hazard, String zone, String source, String level, Severity severity,
                              Map<String, String> headline, List<Evidence> evidence, Instant at) {
        return new Signal(rule, ruleType, hazard, zone, source, true, level, severity, headline, evidence, at, null, null, null);
    }

    /** {@code source} no longer fires {@code rule} in {@code zone}, at event time {@code at}. */
    public static Signal clear(String rule, String ruleType, Hazard hazard, String zone, String source, Instant at) {
        return new Signal(rule, ruleType, hazard, zone, source, false, null, null, null, null, at, null, null, null);
    }

    /** This firing, with the run's onset and all its evidence (late data joined the run). */
    public Signal withOnset(Instant since, List<Evidence> allEvidence) {
        return new Signal(rule, ruleType, hazard, zone, source, fire, level, severity, headline, allEvidence, at, ack, since, warning);
    }

    /**
     * This firing standing also for {@code earlier}, a firing of the same source it follows that was not sent: the
     * evidence of both as the lifecycle would have merged them one after the other ({@link #evidence(List, List)}).
     */
    public Signal after(Signal earlier) {
        return new Signal(rule, ruleType, hazard, zone, source, fire, level, severity, headline, evidence(earlier.evidence(), evidence),
                at, ack, onset, warning);
    }

    /**
     * Evidence {@code added} after {@code old} (either may be null): each observation once, at its latest place, at most
     * {@link #MAX_EVIDENCE} (the most recent).
     */
    public static List<Evidence> evidence(List<Evidence> old, List<Evidence> added) {
        if (old != null && added != null && added.size() == 1 && !names(old, added.get(0).observationId())) {
            // the usual step, one new observation: the most recent of old, then it (a held firing takes this at every step)
            int from = Math.max(0, old.size() + 1 - MAX_EVIDENCE);
            Evidence[] out = new Evidence[old.size() - from + 1];
            for (int i = from; i < old.size(); i++) {
                out[i - from] = old.get(i);
            }
            out[out.length - 1] = added.get(0);
            return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
        }
        java.util.LinkedHashMap<String, Evidence> byId = new java.util.LinkedHashMap<>();
        for (List<Evidence> list : java.util.Arrays.asList(old, added)) {
            if (list != null) {
                for (Evidence e : list) {
                    byId.remove(e.observationId());
                    byId.put(e.observationId(), e);
                }
            }
        }
        List<Evidence> all = List.copyOf(byId.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - MAX_EVIDENCE), all.size()));
    }

    /** True when {@code evidence} names observation {@code id} (hashes first: ids of one station share long prefixes). */
    private static boolean names(List<Evidence> evidence, String id) {
        int hash = id.hashCode();
        for (int i = 0; i < evidence.size(); i++) {
            String other = evidence.get(i).observationId();
            if (other.hashCode() == hash && other.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The most evidence items an alert carries (the most recent). */
    public static final int MAX_EVIDENCE = 20;

    /**
     * An acknowledgement routed through the lifecycle: by alert id or by SMS code. With a
     * {@code resolveReason} it is an officer's manual resolve of the alert (by alert id) instead.
     */
    public record Ack(String requestId, String alertId, String code, String by, Instant at, String resolveReason) {

        public Ack(String requestId, String alertId, String code, String by, Instant at) {
            this(requestId, alertId, code, by, at, null);
        }

        public boolean resolves() {
            return resolveReason != null;
        }
    }

    public String key() {
        return rule + "|" + zone;
    }

    /** An officer-issued warning document routed through the lifecycle. */
    public static Signal warning(Warning w) {
        return new Signal(null, null, null, null, null, false, null, null, null, null, w.updatedAt(), null, null, w);
    }

    /** An acknowledgement routed through the lifecycle. */
    public static Signal ack(Ack ack) {
        return new Signal(null, null, null, null, null, false, null, null, null, null, ack.at(), ack, null, null);
    }
}
