package org.bourtol.ingest.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertStates;

/**
 * The alerts a code sent back by SMS can name, folded from {@code bourtol.alerts.v1} with
 * {@link AlertStates}: the active alert with that code, else the latest alert with that code resolved
 * within {@link #RESOLVED_WINDOW} (what was done is often reported after the alert ended; codes are
 * unique among active alerts only, so an older resolved alert may share it). Thread-safe.
 */
public final class AlertCodes {

    /** How long after resolution an alert still accepts actions and outcomes by SMS. */
    public static final Duration RESOLVED_WINDOW = Duration.ofDays(30);

    private final AlertStates states = new AlertStates();
    private final Supplier<Instant> clock;

    public AlertCodes(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** For a topic reader: applies one lifecycle event. */
    public void apply(String key, AlertEvent event) {
        states.apply(event);
    }

    public Optional<Alert> byCode(String code) {
        Optional<AlertEvent> active = states.activeByCode(code);
        if (active.isPresent()) {
            return active.map(AlertEvent::alert);
        }
        Instant since = clock.get().minus(RESOLVED_WINDOW);
        return states.alerts().stream()
                .filter(a -> a.code().equalsIgnoreCase(code.trim()))
                .filter(a -> a.resolvedAt() == null || !a.resolvedAt().isBefore(since))
                .max(Comparator.comparing(Alert::raisedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }
}
