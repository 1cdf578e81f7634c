package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.directory.Zone;

/**
 * The SMS a sequence of alert events would cause, per recipient: the notifier's routing, grouping,
 * throttling and escalation run as a dry run on a simulated clock (implemented by the notifier and wired
 * by the launcher; the rules module does not depend on the notifier).
 */
@FunctionalInterface
public interface SmsForecast {

    /**
     * SMS (messages) and segments one recipient would have received, and when the first one would have gone;
     * {@code name} is the directory's, never a number.
     */
    record Count(String recipient, String name, int sms, int segments, Instant first) {
    }

    /**
     * @param events the alert lifecycle events, any order
     * @param zones  the zones in force (for the zone hierarchy that routing follows)
     * @param end    the end of the period: repeats and escalations are simulated up to it
     */
    List<Count> forecast(List<AlertEvent> events, Collection<Zone> zones, Instant end);
}
