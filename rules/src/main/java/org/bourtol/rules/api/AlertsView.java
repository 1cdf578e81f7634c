package org.bourtol.rules.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;

/**
 * The current state of every alert, materialized from {@code bourtol.alerts.v1} (latest lifecycle
 * event per alert id). OUTCOME events (published by the API) set the outcome, which later lifecycle
 * events keep; ESCALATED events (the notifier's) do not change the view. Counts events in
 * {@code bourtol.alerts{type}} once the history has been read, and exposes the alerts per state
 * ({@code bourtol.alerts.current{state}}) and the unacknowledged active ones.
 */
public final class AlertsView {

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final BooleanSupplier caughtUp;

    public AlertsView(MeterRegistry metrics, BooleanSupplier caughtUp) {
        this.metrics = metrics;
        this.caughtUp = caughtUp;
        for (String state : List.of(Alert.ACTIVE, Alert.RESOLVED)) {
            Gauge.builder("bourtol.alerts.current", alerts, m -> m.values().stream().filter(a -> state.equals(a.state())).count())
                    .description("alerts per state, now").tag("state", state).register(metrics);
        }
        Gauge.builder("bourtol.alerts.unacknowledged", alerts, m -> m.values().stream().filter(a -> a.active() && !a.acknowledged()).count())
                .description("active alerts nobody acknowledged yet").register(metrics);
    }

    public void apply(String key, AlertEvent e) {
        if (e == null) {
            return;
        }
        if (caughtUp.getAsBoolean()) {
            metrics.counter("bourtol.alerts", "type", e.type().name()).increment();
        }
        if (e.type() == AlertEventType.ESCALATED) {
            return;
        }
        alerts.merge(e.alertId(), e.alert(), (old, now) -> {
            if (e.type() == AlertEventType.OUTCOME) {
                return withOutcome(old, now.outcome());
            }
            if (now.updatedAt() != null && old.updatedAt() != null && e.seq() > 0 && old.state().equals(Alert.RESOLVED)
                    && now.active()) {
                return old;
            }
            return now.outcome() == null && old.outcome() != null ? withOutcome(now, old.outcome()) : now;
        });
    }

    public Optional<Alert> get(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    public List<Alert> query(String state, String hazard, String zone) {
        return alerts.values().stream()
                .filter(a -> state == null || state.equals(a.state()))
                .filter(a -> hazard == null || hazard.equals(a.hazard().wire()))
                .filter(a -> zone == null || zone.equals(a.zone()))
                .sorted(Comparator.comparing(Alert::raisedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    static Alert withOutcome(Alert o, String outcome) {
        return new Alert(o.id(), o.code(), o.rule(), o.ruleType(), o.hazard(), o.zone(), o.zoneName(), o.geometry(),
                o.state(), o.severity(), o.urgency(), o.certainty(), o.level(), o.headline(), o.instruction(),
                o.raisedAt(), o.updatedAt(), o.resolvedAt(), o.acknowledged(), o.acknowledgedBy(), o.acknowledgedAt(),
                outcome, o.evidence(), o.issued());
    }
}
