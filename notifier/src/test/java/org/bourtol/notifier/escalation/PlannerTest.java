package org.bourtol.notifier.escalation;

import static org.bourtol.notifier.Fixtures.MOPTI;
import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.byId;
import static org.bourtol.notifier.Fixtures.intent;
import static org.bourtol.notifier.Fixtures.sent;
import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.QuietHours;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** Escalation timelines, repeats, all-clears and grouping on a fixed clock: the planner and grouper driven minute by minute. */
class PlannerTest {

    static final Map<String, Recipient> RECIPIENTS = byId(
            recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), List.of(Hazard.CONFLICT), null, null),
            recipient("prefet", "authority", "+22376000002", "fr", List.of("cercle-mopti"), List.of(Hazard.CONFLICT), Severity.Extreme, null),
            recipient("gouverneur", "authority", "+22376000003", "fr", List.of("region-mopti"), List.of(Hazard.CONFLICT), Severity.Extreme, null));

    final EscalationPolicy policy = EscalationPolicy.defaults();
    final Planner planner = new Planner(policy, Duration.ofMinutes(20));
    final Grouper grouper = new Grouper(Duration.ofSeconds(30), 10, ZoneId.of("Africa/Bamako"));
    final Ledger ledger = new Ledger();

    /** {@link #run(Duration, Map, LongFunction)} for {@link #RECIPIENTS}. */
    List<String> run(Duration length, LongFunction<List<Alert>> alertsAt) {
        return run(length, RECIPIENTS, alertsAt);
    }

    /**
     * Runs the loop every 10 s from T0 for the given time, "sending" each batch; {@code alertsAt} gives the alerts as they
     * are so many seconds after T0. Returns "seconds:recipient:steps".
     */
    List<String> run(Duration length, Map<String, Recipient> recipients, LongFunction<List<Alert>> alertsAt) {
        List<String> sent = new ArrayList<>();
        for (Instant now = T0; !now.isAfter(T0.plus(length)); now = now.plusSeconds(10)) {
            long seconds = Duration.between(T0, now).toSeconds();
            List<Planner.Due> due = planner.due(now, alertsAt.apply(seconds), recipients, MOPTI, ledger, id -> T0);
            for (Grouper.Batch b : grouper.ready(now, due, ledger, Set.of())) {
                List<String> alertIds = b.dues().stream().map(d -> d.item().alertId()).toList();
                String steps = b.dues().stream().map(d -> d.item().step().wire()).collect(Collectors.joining(","));
                sent(ledger, "d" + sent.size(), alertIds, steps, b.recipient().id(), now);
                sent.add(seconds + "s:" + b.recipient().id() + ":" + steps);
            }
        }
        return sent;
    }

    @Test
    void committeeNotAcknowledgedEscalatesToTheCercleAfter15MinutesThenTheRegionAfterAnHour() {
        Alert severe = alert("a1", "K7Q", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, false);
        List<String> sent = run(Duration.ofMinutes(70), s -> List.of(severe));
        assertEquals(List.of(
                "30s:committee:alert-Severe",
                "960s:prefet:escalation-1",
                "1260s:committee:repeat-1",
                "2490s:committee:repeat-2",
                "3660s:gouverneur:escalation-2",
                "3720s:committee:repeat-3"), sent);
    }

    @Test
    void acknowledgementStopsRepeatsAndEscalation() {
        Alert open = alert("a2", "K8R", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, false);
        Alert acked = alert("a2", "K8R", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, true);
        List<String> sent = run(Duration.ofMinutes(90), s -> List.of(s < 600 ? open : acked));
        assertEquals(List.of("30s:committee:alert-Severe"), sent);
    }

    @Test
    void severityRiseNotifiesAgainAndReachesNewRecipientsAndResolveSendsAllClearToTheWarned() {
        Alert severe = alert("a3", "K9S", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, true);
        Alert extreme = alert("a3", "K9S", Hazard.CONFLICT, "farm-konna", Severity.Extreme, AlertState.ACTIVE, true);
        Alert moderate = alert("a3", "K9S", Hazard.CONFLICT, "farm-konna", Severity.Moderate, AlertState.ACTIVE, true);
        Alert resolved = alert("a3", "K9S", Hazard.CONFLICT, "farm-konna", Severity.Moderate, AlertState.RESOLVED, true);
        List<String> sent = run(Duration.ofMinutes(10), s -> List.of(s < 120 ? severe : s < 240 ? extreme : s < 360 ? moderate : resolved));
        assertEquals(List.of(
                "30s:committee:alert-Severe",
                "120s:committee:alert-Extreme",
                "120s:gouverneur:alert-Extreme",
                "120s:prefet:alert-Extreme",
                "390s:committee:resolved",
                "390s:gouverneur:resolved",
                "390s:prefet:resolved"), sent);
    }

    @Test
    void aResolvedAlertIsSettledOnlyOnceItsAllClearWentToEveryoneWarned() {
        Alert severe = alert("s1", "S1A", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, false);
        Alert resolved = alert("s1", "S1A", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.RESOLVED, false);
        Alert unheard = alert("s2", "S2B", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.RESOLVED, false);
        run(Duration.ofSeconds(40), s -> List.of(severe));
        List<AlertEvent> open = List.of(event(resolved), event(unheard), event(severe));
        List<Planner.Due> due = planner.due(T0.plusSeconds(50), open.stream().map(AlertEvent::alert).toList(), RECIPIENTS, MOPTI, ledger,
                id -> T0);
        assertEquals(List.of("s2"), Planner.settled(List.of(event(resolved), event(unheard)), due, Set.of()).stream().map(AlertEvent::alertId).toList(),
                "the warned alert's all-clear is due: it stays; nobody heard of the other one: settled");
        run(Duration.ofSeconds(40), s -> List.of(resolved));
        List<Planner.Due> after = planner.due(T0.plusSeconds(100), List.of(resolved), RECIPIENTS, MOPTI, ledger, id -> T0);
        assertEquals(List.of(), Planner.settled(List.of(event(unheard)), List.of(), Set.of("s2")),
                "nothing due, but an SMS about it is handed out and its intent not yet in the ledger: not settled (its all-clear "
                        + "is due once the warning is recorded)");
        assertEquals(List.of("s1"), Planner.settled(List.of(event(resolved)), after, Set.of()).stream().map(AlertEvent::alertId).toList(),
                "all-clear sent: settled");
        assertTrue(Planner.settled(List.of(event(severe)), List.of(), Set.of()).isEmpty(), "an active alert is never settled");
    }

    private static AlertEvent event(Alert a) {
        return new AlertEvent(a.id() + "/" + a.state(), a.id(), AlertEventType.UPDATED, 1, T0, a, null);
    }

    @Test
    void alertsWithinTheGroupingWindowBecomeOneSms() {
        Alert first = alert("g1", "G1A", Hazard.CONFLICT, "farm-konna", Severity.Moderate, AlertState.ACTIVE, true);
        Alert second = alert("g2", "G2B", Hazard.CONFLICT, "konna", Severity.Moderate, AlertState.ACTIVE, true);
        Alert late = alert("g3", "G3C", Hazard.CONFLICT, "konna", Severity.Moderate, AlertState.ACTIVE, true);
        List<String> sent = run(Duration.ofMinutes(3), s -> s < 20 ? List.of(first) : s < 60 ? List.of(first, second) : List.of(first, second, late));
        assertEquals(List.of("30s:committee:alert-Moderate,alert-Moderate", "90s:committee:alert-Moderate"), sent);
        assertTrue(ledger.covered(new Ledger.Item("g2", DeliveryStep.parse("alert-Moderate"), "committee")));
    }

    @Test
    void quietHoursDelayNonExtremeAlertsUntilMorning() {
        Recipient sleepy = recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), null, null,
                new QuietHours("09:00", "10:30"));
        Alert severe = alert("q1", "Q1A", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, true);
        Alert extreme = alert("q2", "Q2B", Hazard.FLOOD, "farm-konna", Severity.Extreme, AlertState.ACTIVE, true);
        List<String> sent = run(Duration.ofMinutes(40), byId(sleepy), s -> List.of(severe, extreme));
        assertEquals(List.of("0s:committee:alert-Extreme", "1830s:committee:alert-Severe"), sent, "the Extreme alert at once despite the quiet hours");
    }

    @Test
    void throttleHoldsNonExtremeSmsBeyondTheHourlyLimit() {
        Grouper strict = new Grouper(Duration.ZERO, 1, ZoneId.of("UTC"));
        Recipient r = RECIPIENTS.get("committee");
        ledger.apply(intent("old", List.of("x"), "alert-Minor", "committee", T0.minusSeconds(600))
                .outcome(DeliveryStatus.SENT, T0.minusSeconds(600), "SMx", null, null, 1));
        Alert moderate = alert("t1", "T1A", Hazard.CONFLICT, "konna", Severity.Moderate, AlertState.ACTIVE, true);
        Alert extreme = alert("t2", "T2B", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, true);
        List<Planner.Due> due = planner.due(T0, List.of(moderate), Map.of("committee", r), MOPTI, ledger, id -> T0);
        assertEquals(0, strict.ready(T0, due, ledger, Set.of()).size());
        assertEquals(1, strict.ready(T0.plusSeconds(3001), due, ledger, Set.of()).size());
        List<Planner.Due> urgent = planner.due(T0, List.of(extreme), Map.of("committee", r), MOPTI, ledger, id -> T0);
        assertEquals(1, strict.ready(T0, urgent, ledger, Set.of()).size());
    }
}
