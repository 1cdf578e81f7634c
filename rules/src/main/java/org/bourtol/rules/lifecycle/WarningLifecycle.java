package org.bourtol.rules.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Issued;
import org.bourtol.contracts.alert.Warning;

/**
 * The lifecycle of an officer-issued warning as a pure function, beside the rules' {@link Lifecycle}:
 * the slot ({@code warning|<id>}) plus the latest warning document gives the new slot and events. An
 * approved warning RAISES its alert (same id as the warning, a short code like any alert); an approved
 * warning at a higher version UPDATES it (severity, area, text); a cancelled one RESOLVES it with
 * {@link Issued#cancelled()} set; {@link #onExpiry} RESOLVES it once {@code expiresAt} has passed.
 * Drafts, replays and documents older than the alert change nothing.
 */
public final class WarningLifecycle {

    /** The level name officer-issued alerts carry. */
    public static final String LEVEL = "officer";

    private WarningLifecycle() {
    }

    public static String key(String warningId) {
        return "warning|" + warningId;
    }

    public static Lifecycle.Result onWarning(AlertSlot slot, Warning w, Instant now, Predicate<String> codeTaken) {
        Alert current = slot == null ? null : slot.alert();
        int seq = slot == null ? 0 : slot.seq();
        switch (w.state()) {
            case APPROVED -> {
                if (current == null) {
                    if (w.expiresAt() != null && !w.expiresAt().isAfter(now)) {
                        return new Lifecycle.Result(slot, List.of());
                    }
                    Alert a = alert(w, ShortCodes.allocate(w.id(), codeTaken), now, now, null, AlertState.ACTIVE, false);
                    return Lifecycle.emit(new AlertSlot(a, 1, Map.of()), AlertEventType.RAISED, now, "issued by " + w.author());
                }
                if (current.active() && w.version() > current.issued().version()) {
                    Alert a = alert(w, current.code(), current.raisedAt(), now, null, AlertState.ACTIVE, false);
                    a = Lifecycle.acknowledgedAs(a, current);
                    return Lifecycle.emit(new AlertSlot(a, seq + 1, Map.of()), AlertEventType.UPDATED, now, "updated by " + w.author());
                }
                return new Lifecycle.Result(slot, List.of());
            }
            case CANCELLED -> {
                if (current == null || !current.active()) {
                    return new Lifecycle.Result(slot, List.of());
                }
                Alert a = alert(w, current.code(), current.raisedAt(), now, now, AlertState.RESOLVED, true);
                a = Lifecycle.acknowledgedAs(a, current);
                return Lifecycle.emit(new AlertSlot(a, seq + 1, Map.of()), AlertEventType.RESOLVED, now, "cancelled by " + w.cancelledBy());
            }
            default -> {
                return new Lifecycle.Result(slot, List.of());
            }
        }
    }

    /** Resolves an active issued alert whose expiry time has passed (the all-clear goes to everyone warned). */
    public static Lifecycle.Result onExpiry(AlertSlot slot, Instant now) {
        if (slot == null || !slot.active() || slot.alert().issued() == null || slot.alert().issued().expiresAt() == null
                || slot.alert().issued().expiresAt().isAfter(now)) {
            return new Lifecycle.Result(slot, List.of());
        }
        Alert a = slot.alert().toBuilder().state(AlertState.RESOLVED).updatedAt(now).resolvedAt(now).build();
        return Lifecycle.emit(new AlertSlot(a, slot.seq() + 1, Map.of()), AlertEventType.RESOLVED, now, "expired");
    }

    private static Alert alert(Warning w, String code, Instant raisedAt, Instant updatedAt, Instant resolvedAt, AlertState state,
                               boolean cancelled) {
        Issued issued = new Issued(w.author(), w.approvedBy(), w.office(), w.test(), w.zones(), w.version(), w.expiresAt(),
                cancelled, cancelled ? w.cancelledBy() : null);
        String zone = w.zones().isEmpty() ? "area" : w.zones().get(0);
        return Alert.builder().id(w.id(), code).rule(Alert.ISSUED_RULE, Alert.ISSUED_RULE).hazard(w.hazard())
                .zone(zone, w.place(), w.geometry()).state(state).severity(w.severity()).urgency(w.urgency()).certainty(w.certainty())
                .level(LEVEL).headline(w.headline()).instruction(w.instruction()).raisedAt(raisedAt).updatedAt(updatedAt)
                .resolvedAt(resolvedAt).issued(issued).build();
    }
}
