package org.bourtol.rules.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertStates;

/**
 * The current state of every alert, folded from {@code bourtol.alerts.v1} by {@link AlertStates}
 * (the same fold the notifier uses: by sequence number, so a stale ESCALATED or OUTCOME snapshot
 * never undoes a RESOLVED or ACKNOWLEDGED). Counts events in
 * {@code bourtol.alerts{type}} once the history has been read, and exposes the alerts per state
 * ({@code bourtol.alerts.current{state}}) and the unacknowledged active ones.
 */
public final class AlertsView {

    private final AlertStates states = new AlertStates();
    private final MeterRegistry metrics;
    private final BooleanSupplier caughtUp;

    public AlertsView(MeterRegistry metrics, BooleanSupplier caughtUp) {
        this.metrics = metrics;
        this.caughtUp = caughtUp;
        for (AlertState state : AlertState.values()) {
            Gauge.builder("bourtol.alerts.current", states, m -> m.alerts().stream().filter(a -> a.state() == state).count())
                    .description("alerts per state, now").tag("state", state.wire()).register(metrics);
        }
        Gauge.builder("bourtol.alerts.unacknowledged", states, m -> m.alerts().stream().filter(a -> a.active() && !a.acknowledged()).count())
                .description("active alerts nobody acknowledged yet").register(metrics);
    }

    public void apply(String key, AlertEvent e) {
        if (e == null) {
            return;
        }
        if (caughtUp.getAsBoolean()) {
            metrics.counter("bourtol.alerts", "type", e.type().name()).increment();
        }
        states.apply(e);
    }

    public Optional<Alert> get(String id) {
        return states.get(id).map(AlertEvent::alert);
    }

    public List<Alert> query(AlertState state, String hazard, String zone) {
        return states.alerts().stream()
                .filter(a -> state == null || state == a.state())
                .filter(a -> hazard == null || hazard.equals(a.hazard().wire()))
                .filter(a -> zone == null || zone.equals(a.zone()))
                .sorted(Comparator.comparing(Alert::raisedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }
}
