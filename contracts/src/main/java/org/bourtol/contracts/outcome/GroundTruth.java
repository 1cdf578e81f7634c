package org.bourtol.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.observation.Hazard;

/**
 * A risk that really began in a simulated scenario (the simulator's ground truth), on
 * {@code bourtol.groundtruth.v1} keyed by {@code scenario/seed/id}, kept forever: the reference the
 * backtest scores alerts against. {@code start} is the time the risk began as the platform saw it: the
 * simulated event time of a sensor reading, or the wall time its SMS was sent for a risk reported by SMS
 * ({@code live}: the demo sends SMS in real time after the sensor replay). {@code zones}: the zone and its
 * parents, any of which an alert may name; {@code level}: the gauge level expected, or null.
 *
 * <p>The matching rule is the simulator's scorer's, shared here so that the demo's summary and the
 * backtest count the same hits: an event is detected by the first RAISED or UPDATED step of an alert of
 * one of its rule types, in one of its zones, at its level, at most {@link #TOLERANCE} before it began,
 * or by such an alert already active when it began.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroundTruth(String id, String scenario, long seed, String type, Hazard hazard, List<String> ruleTypes, List<String> zones,
        String level, Instant start, boolean live, String description) {

    /** How long before a risk began an alert may be raised and still detect it. */
    public static final Duration TOLERANCE = Duration.ofHours(1);

    public GroundTruth {
        if (id == null || id.isBlank() || type == null || hazard == null || start == null) {
            throw new IllegalArgumentException("ground truth needs id, type, hazard and start");
        }
        ruleTypes = ruleTypes == null ? List.of() : List.copyOf(ruleTypes);
        zones = zones == null ? List.of() : List.copyOf(zones);
    }

    /** The record key: events of two scenarios (or seeds) never collide. */
    public String key() {
        return scenario + "/" + seed + "/" + id;
    }

    /** True when {@code a} is of one of this event's rule types, in one of its zones and (gauge levels) at its level. */
    public boolean matches(Alert a) {
        return ruleTypes.contains(a.ruleType()) && zones.contains(a.zone())
                && (level == null || a.level() == null || level.equalsIgnoreCase(a.level()));
    }

    /** The first step of {@code events} (alert lifecycle steps in time order) that detects this event, if any. */
    public Optional<AlertEvent> detection(List<AlertEvent> events) {
        for (AlertEvent e : events) {
            if ((e.type() == AlertEventType.RAISED || e.type() == AlertEventType.UPDATED) && matches(e.alert())
                    && (!e.at().isBefore(start.minus(TOLERANCE)) || activeAt(events, e, start))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when some event of {@code truth} shares {@code a}'s hazard and names its zone: such an alert is no false alert. */
    public static boolean explains(Collection<GroundTruth> truth, Alert a) {
        return truth.stream().anyMatch(t -> t.hazard() == a.hazard() && t.zones().contains(a.zone()));
    }

    /** True when the alert of step {@code a} was raised by {@code when} and not resolved by then, among {@code events}. */
    public static boolean activeAt(List<AlertEvent> events, AlertEvent a, Instant when) {
        if (a.alert().raisedAt() == null || a.alert().raisedAt().isAfter(when)) {
            return false;
        }
        return events.stream().noneMatch(s -> s.alertId().equals(a.alertId()) && s.type() == AlertEventType.RESOLVED
                && !s.at().isAfter(when));
    }
}
