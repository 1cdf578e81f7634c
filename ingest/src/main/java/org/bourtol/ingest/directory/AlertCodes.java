package org.bourtol.ingest.directory;

import java.util.Comparator;
import java.util.Optional;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertStates;

/**
 * The alerts a code sent back by SMS can name, folded from {@code bourtol.alerts.v1} with
 * {@link AlertStates}: the active alert with that code, else the latest raised alert with that code
 * (what was done is often reported after the alert ended; codes are unique among active alerts only,
 * so an older resolved alert may share it: the newest is meant). Thread-safe.
 */
public final class AlertCodes {

    private final AlertStates states = new AlertStates();

    /** For a topic reader: applies one lifecycle event. */
    public void apply(String key, AlertEvent event) {
        states.apply(event);
    }

    public Optional<Alert> byCode(String code) {
        Optional<AlertEvent> active = states.activeByCode(code);
        if (active.isPresent()) {
            return active.map(AlertEvent::alert);
        }
        return states.alerts().stream()
                .filter(a -> a.code().equalsIgnoreCase(code.trim()))
                .max(Comparator.comparing(Alert::raisedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }
}
