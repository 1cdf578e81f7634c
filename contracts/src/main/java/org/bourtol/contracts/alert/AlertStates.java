package org.bourtol.contracts.alert;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one fold of {@code bourtol.alerts.v1} into the current state of every alert, used by every
 * reader (the rules' alerts API, the notifier's planner, CAP, Atom and MQTT). Lifecycle events from
 * the rules ({@code seq > 0}: RAISED, UPDATED, RESOLVED, ACKNOWLEDGED) replace the state only when
 * their sequence number is at least the current one, so a late or re-read older event never undoes a
 * newer one. Events published by others carry a snapshot and {@code seq <= 0} (ESCALATED, OUTCOME,
 * UNVERIFIED_ACK): they never change the lifecycle state — OUTCOME only sets the outcome text, which
 * later lifecycle events keep. The fold is deterministic, so a restart that re-reads the topic gets
 * the same states. Thread-safe.
 */
public final class AlertStates {

    private final Map<String, AlertEvent> states = new ConcurrentHashMap<>();
    /** Alerts a reader may still have work for: every state change puts the alert here; {@link #settle} takes it out. */
    private final Map<String, AlertEvent> open = new ConcurrentHashMap<>();

    /** The state after {@code next}, given the state before ({@code null}: nothing known yet). Pure. */
    public static AlertEvent fold(AlertEvent current, AlertEvent next) {
        if (next == null) {
            return current;
        }
        if (current == null) {
            return next;
        }
        if (next.seq() > 0) {
            if (next.seq() < current.seq()) {
                return current;
            }
            String outcome = next.alert().outcome() != null ? next.alert().outcome() : current.alert().outcome();
            return outcome == null || outcome.equals(next.alert().outcome()) ? next : withOutcome(next, outcome);
        }
        if (next.type() == AlertEventType.OUTCOME && next.alert().outcome() != null) {
            return withOutcome(current, next.alert().outcome());
        }
        return current;
    }

    /**
     * Applies one event read from the topic.
     *
     * @return the new state when it changed (empty when the event was stale or changes nothing)
     */
    public Optional<AlertEvent> apply(AlertEvent event) {
        if (event == null) {
            return Optional.empty();
        }
        AlertEvent[] changed = new AlertEvent[1];
        states.compute(event.alertId(), (id, old) -> {
            AlertEvent now = fold(old, event);
            if (now != old) {
                changed[0] = now;
                open.put(id, now);
            }
            return now;
        });
        return Optional.ofNullable(changed[0]);
    }

    /**
     * The alerts with possible work left: every active alert, and every other one until {@link #settle}d (a later
     * change opens it again). Its size does not grow with the number of settled resolved alerts.
     */
    public Collection<AlertEvent> open() {
        return List.copyOf(open.values());
    }

    /**
     * The reader has nothing left to do for this state of an alert that is no longer active: it leaves {@link #open}.
     * Does nothing when the alert is active or changed since {@code seen} was read.
     */
    public void settle(AlertEvent seen) {
        if (!seen.alert().active()) {
            open.remove(seen.alertId(), seen);
        }
    }

    public Optional<AlertEvent> get(String alertId) {
        return Optional.ofNullable(states.get(alertId));
    }

    /** The current state of every alert known, resolved ones included. */
    public Collection<AlertEvent> all() {
        return List.copyOf(states.values());
    }

    /** The current alerts themselves. */
    public List<Alert> alerts() {
        return states.values().stream().map(AlertEvent::alert).toList();
    }

    /** The active alert with this short code (codes are unique among active alerts), case-insensitive. */
    public Optional<AlertEvent> activeByCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim();
        return states.values().stream().filter(e -> e.alert().active() && e.alert().code().equalsIgnoreCase(c)).findFirst();
    }

    public int size() {
        return states.size();
    }

    private static AlertEvent withOutcome(AlertEvent e, String outcome) {
        return new AlertEvent(e.eventId(), e.alertId(), e.type(), e.seq(), e.at(), withOutcome(e.alert(), outcome), e.note());
    }

    /** The alert with this outcome text. */
    public static Alert withOutcome(Alert o, String outcome) {
        return o.toBuilder().outcome(outcome).build();
    }
}
