package org.bourtol.launcher.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.escalation.EscalationPolicy;
import org.bourtol.notifier.escalation.Grouper;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.routing.ZoneHierarchy;
import org.bourtol.rules.dataset.DefaultDataset;

/**
 * The notifier's work per tick against the number of resolved alerts: for each count, that many alerts raised, warned,
 * resolved and given their all-clear (in {@link AlertStates} and the {@link Ledger}, as the notifier folds them), plus
 * a few active alerts, then the tick's planning steps timed (the open set, {@link Planner#due}, {@link Grouper#ready},
 * {@link Planner#settled}) with the notifier's own classes. Beside it, the same planning over every alert known (what
 * a tick that scanned all alerts would cost), to show that the measurement would see growth if there were any.
 */
final class TickBench {

    private static final Instant T0 = Instant.parse("2026-08-01T06:00:00Z");
    /** When the resolved alerts were warned of and cleared: days ago, outside the hour the SMS caps count. */
    private static final Instant PAST = T0.minus(Duration.ofDays(2));
    private static final int ACTIVE = 5;
    private static final int WARMUP = 30;
    private static final int TICKS = 100;
    private static final long BUDGET_NANOS = 3_000_000_000L;

    /** One count of resolved alerts: the open set's size, and microseconds per tick, open set and every alert. */
    record Row(int resolved, int open, double tickMicros, double scanAllMicros) {
    }

    private TickBench() {
    }

    static List<Row> run(List<Integer> counts, PrintWriter out) {
        out.println("notifier tick vs resolved alerts (" + ACTIVE + " active alerts, 3 recipients; mean of up to " + TICKS + " ticks after "
                + WARMUP + " warm-up ticks, each phase at most 3 s):");
        out.printf(Locale.ROOT, "  %10s %8s %14s %8s %20s %8s%n", "resolved", "open", "tick us", "ratio", "scan-all-alerts us", "ratio");
        List<Row> rows = new ArrayList<>();
        for (int n : counts) {
            Row r = measure(n);
            rows.add(r);
            Row base = rows.get(0);
            out.printf(Locale.ROOT, "  %,10d %,8d %,14.1f %7.2fx %,20.1f %7.2fx%n", r.resolved(), r.open(), r.tickMicros(),
                    r.tickMicros() / base.tickMicros(), r.scanAllMicros(), r.scanAllMicros() / base.scanAllMicros());
            out.flush();
        }
        return rows;
    }

    static Row measure(int resolved) {
        ZoneHierarchy zones = ZoneHierarchy.of(DefaultDataset.zones());
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (String zone : List.of("konna", "djenne", "region-mopti")) {
            recipients.put("r-" + zone, new Recipient("r-" + zone, zone + " committee", null, "+22376000000", "fr", List.of(zone),
                    List.of(Hazard.CONFLICT), null, List.of("sms"), null, null));
        }
        AlertStates states = new AlertStates();
        Ledger ledger = new Ledger();
        for (int i = 0; i < resolved; i++) {
            String id = "old-" + i;
            states.apply(event(alert(id, AlertState.ACTIVE), AlertEventType.RAISED, 1));
            states.apply(event(alert(id, AlertState.RESOLVED), AlertEventType.RESOLVED, 2));
            sent(ledger, id, new DeliveryStep.Notice(Severity.Severe).wire(), "r-konna");
            sent(ledger, id, DeliveryStep.RESOLVED.wire(), "r-konna");
        }
        for (int i = 0; i < ACTIVE; i++) {
            states.apply(event(alert("active-" + i, AlertState.ACTIVE), AlertEventType.RAISED, 1));
        }
        Planner planner = new Planner(EscalationPolicy.defaults(), Duration.ofMinutes(20));
        // a fixed clock inside the grouping window: the due items wait, nothing is handed out, every tick does the same work
        Grouper grouper = new Grouper(Duration.ofSeconds(30), 10, ZoneId.of("Africa/Bamako"));
        tick(states, planner, grouper, recipients, zones, ledger); // the first tick settles the resolved alerts
        int open = states.open().size();
        double tick = timed(() -> tick(states, planner, grouper, recipients, zones, ledger));
        double all = timed(() -> planner.due(T0, states.alerts(), recipients, zones, ledger, id -> T0));
        return new Row(resolved, open, tick, all);
    }

    /** What {@code NotifierEngine.tick} does with the alert states, without sending: plan the open set, group, settle. */
    private static void tick(AlertStates states, Planner planner, Grouper grouper, Map<String, Recipient> recipients, ZoneHierarchy zones,
                             Ledger ledger) {
        Collection<AlertEvent> open = states.open();
        List<Alert> alerts = open.stream().map(AlertEvent::alert).toList();
        List<Planner.Due> due = planner.due(T0, alerts, recipients, zones, ledger, id -> T0);
        grouper.ready(T0, due, ledger, Set.of());
        Planner.settled(open, due, Set.of()).forEach(states::settle);
    }

    /** Mean microseconds of {@code r} after a warm-up; each phase stops early after {@link #BUDGET_NANOS} (the scan of 100,000 alerts). */
    private static double timed(Runnable r) {
        long start = System.nanoTime();
        for (int i = 0; i < WARMUP && (i < 3 || System.nanoTime() - start < BUDGET_NANOS); i++) {
            r.run();
        }
        long t0 = System.nanoTime();
        int n = 0;
        while (n < TICKS && (n < 3 || System.nanoTime() - t0 < BUDGET_NANOS)) {
            r.run();
            n++;
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    private static Alert alert(String id, AlertState state) {
        return Alert.builder().id(id, "K" + Math.abs(id.hashCode() % 1000)).rule("farmland-protection", "herd-in-protected-zone")
                .hazard(Hazard.CONFLICT).zone("konna", "Konna", null).state(state).severity(Severity.Severe).urgency(Urgency.Immediate)
                .certainty(Certainty.Observed).level("fire").headline(Map.of("fr", "Troupeau dans les rizieres", "en", "Herd in the rice fields"))
                .raisedAt(PAST.minusSeconds(3600)).updatedAt(PAST).resolvedAt(state == AlertState.RESOLVED ? PAST : null).build();
    }

    private static AlertEvent event(Alert a, AlertEventType type, int seq) {
        return new AlertEvent(a.id() + "/" + type + "/" + seq, a.id(), type, seq, PAST, a, null);
    }

    /** The intent and accepted outcome of one SMS, as the dispatcher records them. */
    private static void sent(Ledger ledger, String alertId, String step, String recipient) {
        String id = alertId + "/" + step + "/" + recipient;
        Delivery intent = Delivery.intent(id, List.of(alertId), step, recipient, "+223****0000", 1, PAST, null);
        ledger.apply(intent);
        ledger.apply(intent.outcome(DeliveryStatus.SENT, PAST, "SM-" + id, null, null, 1));
    }
}
