package org.bourtol.rules.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.rules.engine.Signal;

/**
 * The alert lifecycle as a pure function: a slot (one per rule and zone) plus a signal gives the new
 * slot and the events to publish. One active alert per slot: the first firing source RAISES it, later
 * changes of level, severity or evidence UPDATE it, and it RESOLVES when its last source clears. A
 * signal whose {@code onset} is before the alert's raise (late data) moves {@code raisedAt} back.
 */
public final class Lifecycle {

    /** The new slot and the events (possibly none). */
    public record Result(AlertSlot slot, List<AlertEvent> events) {
    }

    /** Zone facts the alert carries. */
    public record ZoneFacts(String name, JsonNode geometry) {
    }

    private Lifecycle() {
    }

    public static Result onSignal(AlertSlot slot, Signal s, ZoneFacts zone, Predicate<String> codeTaken) {
        AlertSlot current = slot == null ? new AlertSlot(null, 0, Map.of()) : slot;
        Map<String, AlertSlot.SourceFire> sources = new HashMap<>(current.sources());
        if (!current.active() && current.held() != null) {
            Result held = whileHeld(current, sources, s);
            if (held != null) {
                return held;
            }
        }
        if (!s.fire()) {
            sources.remove(s.source());
            if (current.active() && sources.isEmpty()) {
                Alert a = current.alert().toBuilder().state(AlertState.RESOLVED).updatedAt(s.at()).resolvedAt(s.at()).build();
                return emit(new AlertSlot(a, current.seq() + 1, Map.of()), AlertEventType.RESOLVED, s.at(), null);
            }
            if (current.active() && !sources.containsKey(s.source()) && current.sources().containsKey(s.source())) {
                // a source left but others still fire: the severity may go down
                AlertSlot.SourceFire rest = sources.values().stream()
                        .max(Comparator.comparing(AlertSlot.SourceFire::severity)).orElseThrow();
                Alert old = current.alert();
                if (rest.severity() != old.severity() || !rest.level().equals(old.level())) {
                    Alert a = old.toBuilder().state(AlertState.ACTIVE).severity(rest.severity()).level(rest.level())
                            .headline(rest.headline()).updatedAt(s.at().isAfter(old.updatedAt()) ? s.at() : old.updatedAt())
                            .resolvedAt(null).urgency(urgency(old.ruleType(), rest.severity())).build();
                    return emit(new AlertSlot(a, current.seq() + 1, sources), AlertEventType.UPDATED, s.at(), null);
                }
            }
            return new Result(new AlertSlot(current.alert(), current.seq(), sources), List.of());
        }
        sources.put(s.source(), new AlertSlot.SourceFire(s.level(), s.severity(), s.headline()));
        AlertSlot.SourceFire top = sources.values().stream()
                .max(Comparator.comparing(AlertSlot.SourceFire::severity)).orElseThrow();
        Map<String, String> headline = top.severity() == s.severity() ? s.headline() : top.headline();
        if (!current.active()) {
            String id = UUID.nameUUIDFromBytes((s.rule() + "|" + s.zone() + "|" + s.at()).getBytes(StandardCharsets.UTF_8)).toString();
            String code = ShortCodes.allocate(id, codeTaken);
            Alert a = Alert.builder().id(id, code).rule(s.rule(), s.ruleType()).hazard(s.hazard())
                    .zone(s.zone(), zone.name(), zone.geometry()).state(AlertState.ACTIVE).severity(top.severity())
                    .urgency(urgency(s.ruleType(), top.severity())).certainty(certainty(s.ruleType())).level(top.level())
                    .headline(headline).instruction(instruction(s.hazard())).raisedAt(s.at()).updatedAt(s.at())
                    .evidence(Signal.evidence(null, s.evidence())).build();
            return emit(new AlertSlot(a, 1, sources), AlertEventType.RAISED, s.at(), null);
        }
        Alert old = current.alert();
        if (s.onset() != null && s.onset().isBefore(old.raisedAt())) {
            // late data: the condition began before the alert was raised (same alert, same id and code)
            old = old.toBuilder().raisedAt(s.onset()).build();
        }
        List<Evidence> evidence = Signal.evidence(old.evidence(), s.evidence());
        boolean changed = top.severity() != old.severity() || !top.level().equals(old.level())
                || !headline.equals(old.headline()) || !evidence.equals(old.evidence()) || old != current.alert();
        if (!changed) {
            return new Result(new AlertSlot(old, current.seq(), sources), List.of());
        }
        Instant updated = s.at().isAfter(old.updatedAt()) ? s.at() : old.updatedAt();
        Alert a = old.toBuilder().state(AlertState.ACTIVE).severity(top.severity()).level(top.level()).headline(headline)
                .evidence(evidence).updatedAt(updated).resolvedAt(null).urgency(urgency(old.ruleType(), top.severity())).build();
        return emit(new AlertSlot(a, current.seq() + 1, sources), AlertEventType.UPDATED, s.at(), null);
    }

    /** An acknowledgement of an active alert (idempotent: a second one changes nothing). */
    public static Result onAck(AlertSlot slot, Signal.Ack ack) {
        if (slot == null || !slot.active() || slot.alert().acknowledged()) {
            return new Result(slot, List.of());
        }
        Alert o = slot.alert();
        Alert a = o.toBuilder().acknowledged(ack.by(), ack.at()).build();
        return emit(new AlertSlot(a, slot.seq() + 1, slot.sources()), AlertEventType.ACKNOWLEDGED, ack.at(), ack.by());
    }

    /**
     * An officer resolves an active alert by hand: RESOLVED now, the note says who and why. Sources still
     * firing are kept and hold the slot ({@link AlertSlot#held}, {@link AlertSlot#heldSources}): the same
     * condition does not raise the alert again until it has cleared, unless it gets more severe; a source
     * that starts firing afterwards (another herd entering the zone) is a new condition and raises a new
     * alert. Officer-issued warnings are cancelled through their own API, not resolved here; a resolved alert
     * stays resolved (idempotent).
     */
    public static Result onResolve(AlertSlot slot, Signal.Ack resolve) {
        if (slot == null || !slot.active() || slot.alert().issued() != null) {
            return new Result(slot, List.of());
        }
        Alert o = slot.alert();
        Instant at = resolve.at().isAfter(o.updatedAt()) ? resolve.at() : o.updatedAt();
        Alert a = o.toBuilder().state(AlertState.RESOLVED).updatedAt(at).resolvedAt(at).build();
        boolean holds = !slot.sources().isEmpty();
        return emit(new AlertSlot(a, slot.seq() + 1, slot.sources(), holds ? o.severity() : null, holds ? slot.sources().keySet() : null),
                AlertEventType.RESOLVED, at,
                resolveNote(resolve.by(), resolve.resolveReason()));
    }

    /** The note of a manual RESOLVED event: "resolved by {who}: {reason}". */
    public static String resolveNote(String by, String reason) {
        return "resolved by " + (by == null ? "?" : by) + ": " + reason;
    }

    /**
     * A signal for a slot held after a manual resolve: updates the sources and raises nothing, or null when a
     * source that was not held starts firing or a held one fires above the held severity (then it raises a new
     * alert as usual). The hold ends when its last held source has cleared.
     */
    private static Result whileHeld(AlertSlot current, Map<String, AlertSlot.SourceFire> sources, Signal s) {
        Set<String> holding = new HashSet<>(current.holding());
        if (s.fire() && !holding.contains(s.source())) {
            return null;
        }
        if (s.fire()) {
            sources.put(s.source(), new AlertSlot.SourceFire(s.level(), s.severity(), s.headline()));
        } else {
            sources.remove(s.source());
        }
        boolean above = sources.values().stream().anyMatch(f -> f.severity().compareTo(current.held()) > 0);
        if (above) {
            return null;
        }
        holding.retainAll(sources.keySet());
        boolean holds = !holding.isEmpty();
        return new Result(new AlertSlot(current.alert(), current.seq(), sources, holds ? current.held() : null, holds ? holding : null),
                List.of());
    }

    static Result emit(AlertSlot slot, AlertEventType type, Instant at, String note) {
        Alert a = slot.alert();
        AlertEvent e = new AlertEvent(a.id() + "/" + type + "/" + slot.seq(), a.id(), type, slot.seq(), at, a, note);
        return new Result(slot, List.of(e));
    }

    /** {@code a} with the acknowledgement and outcome of {@code before} (an update keeps who acknowledged). */
    static Alert acknowledgedAs(Alert a, Alert before) {
        return a.toBuilder().acknowledgementOf(before).outcome(before.outcome()).build();
    }

    static Urgency urgency(String ruleType, Severity severity) {
        if ("upstream-lead".equals(ruleType) || "conflict-risk-score".equals(ruleType)) {
            return Urgency.Expected;
        }
        return severity.atLeast(Severity.Severe) ? Urgency.Immediate : Urgency.Expected;
    }

    static Certainty certainty(String ruleType) {
        return switch (ruleType) {
            case "upstream-lead", "incident-cluster", "community-flood-reports" -> Certainty.Likely;
            case "conflict-risk-score", "gauge-rise-rate", "rain-accumulation" -> Certainty.Possible;
            default -> Certainty.Observed;
        };
    }

    static Map<String, String> instruction(Hazard hazard) {
        return hazard == Hazard.FLOOD
                ? Map.of("fr", "Eloignez-vous du fleuve, protegez les biens, suivez les consignes de la protection civile.",
                        "en", "Move away from the river, protect property, follow civil protection instructions.")
                : Map.of("fr", "Prevenez le comite de paix et les chefs de village; evitez les affrontements.",
                        "en", "Inform the peace committee and village chiefs; avoid confrontation.");
    }
}
