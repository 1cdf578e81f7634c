package org.bourtol.rules.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** A backtest result as the text table {@code bourtol backtest} prints. Pure. */
public final class BacktestTable {

    private BacktestTable() {
    }

    public static String format(BacktestResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Backtest %s to %s: %d observations replayed in %d ms (%.0f observations/s)%n",
                r.from(), r.to(), r.observations(), r.replayMillis(), r.observationsPerSecond()));
        b.append("Changed rules: ").append(r.changedRules().isEmpty() ? "none" : String.join(", ", r.changedRules()));
        if (!r.changedZones().isEmpty()) {
            b.append("; changed zones: ").append(String.join(", ", r.changedZones()));
        }
        b.append(System.lineSeparator());
        BacktestResult.Reproduction rep = r.reproduction();
        b.append(rep.exact() ? "Unchanged rules reproduce the live alerts exactly (" + rep.liveEvents() + " events"
                + (rep.publishedTogether() > 0 ? "; " + rep.publishedTogether() + " more updates replayed that the live run published"
                        + " with a later step of their alert" : "")
                + ")"
                : "Unchanged rules do NOT reproduce the live alerts (" + rep.liveEvents() + " live, " + rep.replayedEvents()
                        + " replayed): " + String.join("; ", rep.mismatches()))
                .append(System.lineSeparator());
        r.warnings().forEach(w -> b.append("Warning: ").append(w).append(System.lineSeparator()));
        b.append(System.lineSeparator()).append(String.format(Locale.ROOT, "Alerts: %d current, %d candidate; %d new, %d gone, %d earlier, %d later, %d severity changed%n",
                r.currentAlerts().size(), r.candidateAlerts().size(), r.comparison().count(Comparison.Kind.NEW),
                r.comparison().count(Comparison.Kind.GONE), r.comparison().count(Comparison.Kind.EARLIER),
                r.comparison().count(Comparison.Kind.LATER), r.comparison().count(Comparison.Kind.SEVERITY_CHANGED)));
        List<Comparison.Difference> changed = r.comparison().differences().stream().filter(d -> !d.unchanged()).toList();
        if (!changed.isEmpty()) {
            table(b, changed, d -> new String[] {String.join("+", d.kinds().stream().map(Enum::name).toList()), d.rule(), d.zone(),
                str(d.currentRaisedAt()), str(d.candidateRaisedAt()), str(d.onsetShiftMinutes()),
                str(d.currentSeverity()) + " -> " + str(d.candidateSeverity())},
                    "CHANGE", "RULE", "ZONE", "CURRENT ONSET", "CANDIDATE ONSET", "SHIFT MIN", "SEVERITY");
        }
        b.append(System.lineSeparator()).append("Time active per rule and zone (minutes)").append(System.lineSeparator());
        table(b, r.comparison().slots(), s -> new String[] {s.rule(), s.zone(), str(s.currentAlerts()), str(s.candidateAlerts()),
            str(s.currentActiveMinutes()), str(s.candidateActiveMinutes())},
                "RULE", "ZONE", "ALERTS NOW", "ALERTS THEN", "ACTIVE NOW", "ACTIVE THEN");
        Outcomes o = r.outcomes();
        if (o != null) {
            b.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                    "Outcomes of judged live alerts: current %d hits, %d false alarms, %d unjudged; candidate %d hits, %d misses,"
                            + " %d false alarms, %d unjudged%n",
                    o.current().hits(), o.current().falseAlarms(), o.current().unjudged(),
                    o.candidate().hits(), o.candidate().misses(), o.candidate().falseAlarms(), o.candidate().unjudged()));
            if (!o.events().isEmpty()) {
                table(b, o.events(), e -> new String[] {e.verdict().wire(), e.rule(), e.zone(), e.alertId(), str(e.currentRaisedAt()),
                    e.candidateAlertId() == null ? "(none)" : str(e.candidateRaisedAt()), str(e.leadGainMinutes())},
                        "VERDICT", "RULE", "ZONE", "LIVE ALERT", "CURRENT ONSET", "CANDIDATE ONSET", "LEAD GAIN MIN");
            }
        }
        TruthScore g = r.groundTruth();
        if (g != null) {
            b.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                    "Ground truth of the simulated period (%d events): current %d hits, %d misses, %d false alarms, median delay %s min;"
                            + " candidate %d hits, %d misses, %d false alarms, median delay %s min%n",
                    g.events().size(),
                    g.current().hits(), g.current().misses(), g.current().falseAlarms(), str(g.current().medianDelayMinutes()),
                    g.candidate().hits(), g.candidate().misses(), g.candidate().falseAlarms(), str(g.candidate().medianDelayMinutes())));
            table(b, g.events(), e -> new String[] {e.id(), e.zone(), str(e.start()),
                e.currentAlertId() == null ? "missed" : str(e.currentDelayMinutes()),
                e.candidateAlertId() == null ? "missed" : str(e.candidateDelayMinutes()), str(e.leadGainMinutes())},
                    "EVENT", "ZONE", "BEGAN", "CURRENT DELAY MIN", "CANDIDATE DELAY MIN", "LEAD GAIN MIN");
        }
        if (r.sms() != null) {
            b.append(System.lineSeparator()).append("SMS per recipient (dry run of the notifier)").append(System.lineSeparator());
            table(b, r.sms(), l -> new String[] {l.recipient(), l.name(), str(l.current()), str(l.candidate()),
                (l.delta() > 0 ? "+" : "") + l.delta(), str(l.currentFirst()), str(l.candidateFirst()), str(l.candidateBeforeCurrent())},
                    "RECIPIENT", "NAME", "CURRENT", "CANDIDATE", "DELTA", "FIRST NOW", "FIRST THEN", "SENT EARLIER");
        }
        return b.toString();
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }

    /** One table: the {@code header} row, then a row of each item; columns as wide as their widest cell. */
    private static <T> void table(StringBuilder b, List<T> items, Function<T, String[]> cells, String... header) {
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        items.forEach(item -> rows.add(cells.apply(item)));
        int[] w = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i] == null ? 1 : row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + w[i] + "s", row[i] == null ? "-" : row[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }
}
