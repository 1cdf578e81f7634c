package org.bourtol.rules.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
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

    static final int MAX_EVIDENCE = 20;

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
        if (!s.fire()) {
            sources.remove(s.source());
            if (current.active() && sources.isEmpty()) {
                Alert a = copy(current.alert(), Alert.RESOLVED, current.alert().severity(), current.alert().level(),
                        current.alert().headline(), current.alert().evidence(), s.at(), s.at());
                return emit(new AlertSlot(a, current.seq() + 1, Map.of()), AlertEventType.RESOLVED, s.at(), null);
            }
            if (current.active() && !sources.containsKey(s.source()) && current.sources().containsKey(s.source())) {
                // a source left but others still fire: the severity may go down
                AlertSlot.SourceFire rest = sources.values().stream()
                        .max(Comparator.comparing(AlertSlot.SourceFire::severity)).orElseThrow();
                Alert old = current.alert();
                if (rest.severity() != old.severity() || !rest.level().equals(old.level())) {
                    Alert a = withUrgency(copy(old, Alert.ACTIVE, rest.severity(), rest.level(), rest.headline(), old.evidence(),
                            s.at().isAfter(old.updatedAt()) ? s.at() : old.updatedAt(), null), urgency(old.ruleType(), rest.severity()));
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
            Alert a = new Alert(id, code, s.rule(), s.ruleType(), s.hazard(), s.zone(), zone.name(), zone.geometry(),
                    Alert.ACTIVE, top.severity(), urgency(s.ruleType(), top.severity()), certainty(s.ruleType()), top.level(),
                    headline, instruction(s.hazard()), s.at(), s.at(), null, false, null, null, null,
                    merge(List.of(), s.evidence()));
            return emit(new AlertSlot(a, 1, sources), AlertEventType.RAISED, s.at(), null);
        }
        Alert old = current.alert();
        if (s.onset() != null && s.onset().isBefore(old.raisedAt())) {
            // late data: the condition began before the alert was raised (same alert, same id and code)
            old = withRaisedAt(old, s.onset());
        }
        List<Evidence> evidence = merge(old.evidence(), s.evidence());
        boolean changed = top.severity() != old.severity() || !top.level().equals(old.level())
                || !headline.equals(old.headline()) || !evidence.equals(old.evidence()) || old != current.alert();
        if (!changed) {
            return new Result(new AlertSlot(old, current.seq(), sources), List.of());
        }
        Instant updated = s.at().isAfter(old.updatedAt()) ? s.at() : old.updatedAt();
        Alert a = copy(old, Alert.ACTIVE, top.severity(), top.level(), headline, evidence, updated, null);
        a = withUrgency(a, urgency(a.ruleType(), a.severity()));
        return emit(new AlertSlot(a, current.seq() + 1, sources), AlertEventType.UPDATED, s.at(), null);
    }

    /** An acknowledgement of an active alert (idempotent: a second one changes nothing). */
    public static Result onAck(AlertSlot slot, Signal.Ack ack) {
        if (slot == null || !slot.active() || slot.alert().acknowledged()) {
            return new Result(slot, List.of());
        }
        Alert o = slot.alert();
        Alert a = new Alert(o.id(), o.code(), o.rule(), o.ruleType(), o.hazard(), o.zone(), o.zoneName(), o.geometry(),
                o.state(), o.severity(), o.urgency(), o.certainty(), o.level(), o.headline(), o.instruction(),
                o.raisedAt(), o.updatedAt(), o.resolvedAt(), true, ack.by(), ack.at(), o.outcome(), o.evidence(), o.issued());
        return emit(new AlertSlot(a, slot.seq() + 1, slot.sources()), AlertEventType.ACKNOWLEDGED, ack.at(), ack.by());
    }

    static Result emit(AlertSlot slot, AlertEventType type, Instant at, String note) {
        Alert a = slot.alert();
        AlertEvent e = new AlertEvent(a.id() + "/" + type + "/" + slot.seq(), a.id(), type, slot.seq(), at, a, note);
        return new Result(slot, List.of(e));
    }

    /** {@code a} with the acknowledgement and outcome of {@code before} (an update keeps who acknowledged). */
    static Alert acknowledgedAs(Alert a, Alert before) {
        return new Alert(a.id(), a.code(), a.rule(), a.ruleType(), a.hazard(), a.zone(), a.zoneName(), a.geometry(), a.state(),
                a.severity(), a.urgency(), a.certainty(), a.level(), a.headline(), a.instruction(), a.raisedAt(), a.updatedAt(),
                a.resolvedAt(), before.acknowledged(), before.acknowledgedBy(), before.acknowledgedAt(), before.outcome(),
                a.evidence(), a.issued());
    }

    static List<Evidence> merge(List<Evidence> old, List<Evidence> added) {
        LinkedHashMap<String, Evidence> byId = new LinkedHashMap<>();
        old.forEach(e -> byId.put(e.observationId(), e));
        if (added != null) {
            added.forEach(e -> {
                byId.remove(e.observationId());
                byId.put(e.observationId(), e);
            });
        }
        List<Evidence> all = new ArrayList<>(byId.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - MAX_EVIDENCE), all.size()));
    }

    private static Alert copy(Alert o, String state, Severity severity, String level, Map<String, String> headline,
                              List<Evidence> evidence, Instant updatedAt, Instant resolvedAt) {
        return new Alert(o.id(), o.code(), o.rule(), o.ruleType(), o.hazard(), o.zone(), o.zoneName(), o.geometry(),
                state, severity, o.urgency(), o.certainty(), level, headline, o.instruction(), o.raisedAt(), updatedAt,
                resolvedAt, o.acknowledged(), o.acknowledgedBy(), o.acknowledgedAt(), o.outcome(), evidence, o.issued());
    }

    private static Alert withRaisedAt(Alert o, Instant raisedAt) {
        return new Alert(o.id(), o.code(), o.rule(), o.ruleType(), o.hazard(), o.zone(), o.zoneName(), o.geometry(),
                o.state(), o.severity(), o.urgency(), o.certainty(), o.level(), o.headline(), o.instruction(), raisedAt,
                o.updatedAt(), o.resolvedAt(), o.acknowledged(), o.acknowledgedBy(), o.acknowledgedAt(), o.outcome(), o.evidence(), o.issued());
    }

    private static Alert withUrgency(Alert o, Urgency u) {
        return new Alert(o.id(), o.code(), o.rule(), o.ruleType(), o.hazard(), o.zone(), o.zoneName(), o.geometry(),
                o.state(), o.severity(), u, o.certainty(), o.level(), o.headline(), o.instruction(), o.raisedAt(),
                o.updatedAt(), o.resolvedAt(), o.acknowledged(), o.acknowledgedBy(), o.acknowledgedAt(), o.outcome(), o.evidence(), o.issued());
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
