package org.bourtol.contracts.outcome;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.observation.Source;

/**
 * One verdict per alert from the recorded outcomes: an officer's (API) over the SMS views (a recipient's
 * FAUX, once verified against the delivery ledger), else the latest. Used by the monthly report and readable by the backtest (hit / false alarm of
 * the alerts the current rules raised). Pure.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /** The outcome that stands for each alert, among the responses recorded up to {@code asOf} (null: all). */
    public static Map<String, AlertResponse> of(Collection<AlertResponse> responses, Instant asOf) {
        List<AlertResponse> sorted = responses.stream()
                .filter(r -> r.counts() && r.kind() == AlertResponse.Kind.OUTCOME && (asOf == null || !r.at().isAfter(asOf)))
                .sorted(Comparator.comparing(AlertResponse::at)).toList();
        Map<String, AlertResponse> out = new LinkedHashMap<>();
        for (AlertResponse r : sorted) {
            AlertResponse held = out.get(r.alertId());
            if (held == null || r.source() != Source.SMS || held.source() == Source.SMS) {
                out.put(r.alertId(), r);
            }
        }
        return out;
    }
}
