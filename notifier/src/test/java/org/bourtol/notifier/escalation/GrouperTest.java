package org.bourtol.notifier.escalation;

import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.intent;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** The grouping rule on a fixed clock: an Extreme alert always goes alone; the rest are grouped after the window. */
class GrouperTest {

    static final Recipient COMMITTEE = recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), null, null, null);

    /** A deployment that holds Extreme items 5 s (notifier.extremeWindow PT5S; the default is none). */
    final Grouper grouper = new Grouper(Duration.ofSeconds(30), Duration.ofSeconds(5), 10, 0, ZoneId.of("UTC"));
    final Ledger ledger = new Ledger();

    static Planner.Due due(Alert a, Planner.Kind kind, String step) {
        return new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.parse(step), COMMITTEE.id()), kind, a, COMMITTEE);
    }

    /** Ticks every 5 s for a minute with the same due items; returns "second:alertIds" per batch, removing what was sent. */
    List<String> run(List<Planner.Due> due) {
        List<Planner.Due> left = new ArrayList<>(due);
        List<String> out = new ArrayList<>();
        for (Instant now = T0; !now.isAfter(T0.plusSeconds(60)); now = now.plusSeconds(5)) {
            for (Grouper.Batch b : grouper.ready(now, List.copyOf(left), ledger, Set.of())) {
                left.removeAll(b.dues());
                out.add(Duration.between(T0, now).toSeconds() + "s:" + b.dues().stream().map(d -> d.item().alertId()).collect(Collectors.joining(",")));
            }
        }
        return out;
    }

    @Test
    void anExtremeAlertIsNeverGroupedAndTheOthersAreGroupedWithoutIt() {
        Alert clash = alert("clash", "9AT", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert incidents = alert("incidents", "G1A", Hazard.CONFLICT, "konna", Severity.Moderate, AlertState.ACTIVE, false);
        Alert flood = alert("flood", "G2B", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        List<String> sent = run(List.of(due(incidents, Planner.Kind.ALERT, "alert-Moderate"), due(clash, Planner.Kind.ALERT, "alert-Extreme"),
                due(flood, Planner.Kind.ALERT, "alert-Severe")));
        assertEquals(List.of("5s:clash", "30s:flood,incidents"), sent);
    }

    @Test
    void severalExtremeAlertsAndTheirRepeatsAndEscalationsEachGoAlone() {
        Alert first = alert("x1", "X1A", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert second = alert("x2", "X2B", Hazard.FLOOD, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert third = alert("x3", "X3C", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        List<Planner.Due> due = List.of(due(first, Planner.Kind.ALERT, "alert-Extreme"), due(second, Planner.Kind.REPEAT, "repeat-1"),
                due(third, Planner.Kind.ESCALATION, "escalation-1"));
        List<Grouper.Batch> batches = grouper.ready(T0.plusSeconds(5), due, ledger, Set.of());
        assertTrue(batches.isEmpty(), "first sighting opens the window");
        batches = grouper.ready(T0.plusSeconds(5), due, ledger, Set.of());
        assertTrue(batches.isEmpty());
        batches = grouper.ready(T0.plusSeconds(10), due, ledger, Set.of());
        assertEquals(3, batches.size());
        batches.forEach(b -> assertEquals(1, b.dues().size(), b.toString()));
        batches.forEach(b -> assertTrue(b.extreme()));
    }

    @Test
    void theAllClearOfAnExtremeAlertIsGroupedLikeAnyOtherAllClear() {
        Alert over = alert("x1", "X1A", Hazard.FLOOD, "konna", Severity.Extreme, AlertState.RESOLVED, true);
        Alert moderate = alert("m1", "M1A", Hazard.CONFLICT, "konna", Severity.Moderate, AlertState.ACTIVE, false);
        List<String> sent = run(List.of(due(over, Planner.Kind.ALL_CLEAR, "resolved"), due(moderate, Planner.Kind.ALERT, "alert-Moderate")));
        assertEquals(List.of("30s:m1,x1"), sent);
    }

    @Test
    void theAccountCapHoldsOrdinarySmsButExtremeAlertsStillGoAndCount() {
        Grouper capped = new Grouper(Duration.ZERO, Duration.ZERO, 10, 2, ZoneId.of("UTC"));
        for (int i = 0; i < 2; i++) {
            ledger.apply(intent("old" + i, List.of("old"), "alert-Minor", "r" + i, T0.minusSeconds(600))
                    .outcome(org.bourtol.contracts.delivery.DeliveryStatus.SENT, T0.minusSeconds(600), "SM" + i, null, null, 1));
        }
        Alert clash = alert("clash", "9AT", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert flood = alert("flood", "G2B", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        List<Planner.Due> due = List.of(due(clash, Planner.Kind.ALERT, "alert-Extreme"), due(flood, Planner.Kind.ALERT, "alert-Severe"));
        List<Grouper.Batch> first = capped.ready(T0, due, ledger, Set.of());
        assertEquals(List.of("clash"), first.stream().map(b -> b.dues().get(0).item().alertId()).toList(), "the flood alert waits");
        assertTrue(capped.capReached());
        assertTrue(capped.ready(T0.plusSeconds(10), List.of(due.get(1)), ledger, Set.of()).isEmpty(), "still waiting");
        assertTrue(capped.ready(T0.plusSeconds(3700), List.of(due(flood, Planner.Kind.ALERT, "alert-Severe")), ledger, Set.of()).size() == 1,
                "an hour later the cap has room again");
        assertTrue(!capped.capReached());
    }

    @Test
    void theAccountCapCountsBatchesHandedOutButNotYetInTheLedger() {
        Grouper capped = new Grouper(Duration.ZERO, Duration.ZERO, 10, 3, ZoneId.of("UTC"));
        Alert flood = alert("flood", "G2B", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        int sent = 0;
        for (int tick = 0; tick < 4; tick++) {
            // each tick plans for two new recipients while the SMS handed out so far are still queued: no intent in the ledger
            List<Planner.Due> due = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Recipient r = recipient("q" + tick + i, null, "+22376" + tick + i, "fr", List.of("konna"), null, null, null);
                due.add(new Planner.Due(new Ledger.Item(flood.id(), DeliveryStep.parse("alert-Severe"), r.id()), Planner.Kind.ALERT, flood, r));
            }
            sent += capped.ready(T0.plusSeconds(tick), due, ledger, Set.of()).size();
        }
        assertEquals(3, sent, "three SMS in the hour, not three per tick");
        assertTrue(capped.capReached());
    }

    @Test
    void theAccountCapCountsTheSmsABatchBecomesOnceSplit() {
        Grouper capped = new Grouper(Duration.ZERO, Duration.ZERO, 10, 3, ZoneId.of("UTC")).countingSms(b -> 2);
        Alert flood = alert("flood", "G2B", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        List<Planner.Due> due = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recipient r = recipient("s" + i, null, "+2237700" + i, "fr", List.of("konna"), null, null, null);
            due.add(new Planner.Due(new Ledger.Item(flood.id(), DeliveryStep.parse("alert-Severe"), r.id()), Planner.Kind.ALERT, flood, r));
        }
        assertEquals(1, capped.ready(T0, due, ledger, Set.of()).size(), "a batch of two SMS fits a budget of three, a second does not");
        assertTrue(capped.capReached());
    }

    @Test
    void byDefaultAnExtremeItemGoesAtTheFirstTickItIsDueWhileTheOthersWaitTheirWindow() {
        Grouper defaults = new Grouper(Duration.ofSeconds(30), 10, ZoneId.of("UTC"));
        Alert clash = alert("clash", "9AT", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert flood = alert("flood", "G2B", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        List<Planner.Due> due = List.of(due(clash, Planner.Kind.ALERT, "alert-Extreme"), due(flood, Planner.Kind.ALERT, "alert-Severe"));
        List<Grouper.Batch> first = defaults.ready(T0, due, ledger, Set.of());
        assertEquals(List.of("clash"), first.stream().map(b -> b.dues().get(0).item().alertId()).toList(), "no wait for the Extreme one");
        assertTrue(defaults.ready(T0.plusSeconds(29), List.of(due.get(1)), ledger, Set.of()).isEmpty(), "the Severe one waits its window");
        assertEquals(1, defaults.ready(T0.plusSeconds(30), List.of(due.get(1)), ledger, Set.of()).size());
    }

    @Test
    void anExtremeWindowLongerThanTheGroupWindowIsCappedByIt() {
        Grouper g = new Grouper(Duration.ofSeconds(10), Duration.ofSeconds(60), 10, 0, ZoneId.of("UTC"));
        Alert clash = alert("clash", "9AT", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        List<Planner.Due> due = List.of(due(clash, Planner.Kind.ALERT, "alert-Extreme"));
        assertTrue(g.ready(T0, due, ledger, Set.of()).isEmpty());
        assertEquals(1, g.ready(T0.plusSeconds(10), due, ledger, Set.of()).size(), "an Extreme item never waits longer than the others");
    }

    @Test
    void anOrdinarySmsInFlightNeverHoldsBackAnExtremeOne() {
        Grouper g = new Grouper(Duration.ZERO, 10, ZoneId.of("UTC"));
        Alert clash = alert("clash", "9AT", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert flood = alert("flood", "G2B", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        List<Planner.Due> due = List.of(due(clash, Planner.Kind.ALERT, "alert-Extreme"), due(flood, Planner.Kind.ALERT, "alert-Severe"));
        g.ready(T0, due, ledger, Set.of(COMMITTEE.id()));
        List<Grouper.Batch> out = g.ready(T0.plusSeconds(10), due, ledger, Set.of(COMMITTEE.id()));
        assertEquals(List.of("clash"), out.stream().map(b -> b.dues().get(0).item().alertId()).toList());
        List<Grouper.Batch> blocked = g.ready(T0.plusSeconds(20), List.of(due.get(1)), ledger, Set.of(Grouper.extremeLane(COMMITTEE.id())));
        assertTrue(blocked.isEmpty(), "an Extreme in flight holds back the ordinary lane (an all-clear never overtakes its alert)");
    }
}
