package org.bourtol.notifier.escalation;

import org.bourtol.contracts.alert.AlertState;
import static org.bourtol.notifier.Fixtures.MOPTI;
import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.byId;
import static org.bourtol.notifier.Fixtures.sent;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Issued;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** Who an officer-issued warning's first notice, update, cancellation and expiry go to. */
class WarningPlanTest {

    static final Map<String, Recipient> RECIPIENTS = byId(
            recipient("pc-konna", "konna", false),
            recipient("pc-djenne", "djenne", false),
            recipient("pc-diafarabe", "diafarabe", false),
            recipient("tester-konna", "konna", true));

    final Planner planner = new Planner(EscalationPolicy.defaults(), Duration.ofHours(1));
    final Ledger ledger = new Ledger();
    int deliveries;

    static Recipient recipient(String id, String zone, boolean tester) {
        return new Recipient(id, id, "peace-committee", "+2237600000" + id.length(), "fr", List.of(zone), List.of(Hazard.CONFLICT),
                Severity.Minor, List.of("sms"), null, null, tester);
    }

    static Alert warning(int version, List<String> zones, AlertState state, boolean cancelled, boolean test, Instant updatedAt) {
        return Alert.builder().id("w1", "K7Q").rule(Alert.ISSUED_RULE, Alert.ISSUED_RULE).hazard(Hazard.CONFLICT)
                .zone(zones.get(0), String.join(", ", zones), null).state(state).severity(Severity.Extreme).urgency(Urgency.Immediate)
                .certainty(Certainty.Likely).level("officer").headline(Map.of("fr", "Groupe arme signale")).raisedAt(T0).updatedAt(updatedAt)
                .resolvedAt(state == AlertState.ACTIVE ? null : updatedAt)
                .issued(new Issued("officer-a", "officer-b", "dgpc", test, zones, version, T0.plus(Duration.ofHours(6)), cancelled, null))
                .build();
    }

    /** The due items as "recipient:step:kind", and marks them sent in the ledger. */
    TreeSet<String> dueAndSend(Alert a, Instant now) {
        List<Planner.Due> due = planner.due(now, List.of(a), RECIPIENTS, MOPTI, ledger, id -> T0);
        for (Planner.Due d : due) {
            String id = "d" + deliveries++;
            sent(ledger, id, List.of(d.item().alertId()), d.item().step().wire(), d.recipient().id(), now);
        }
        return due.stream().map(d -> d.recipient().id() + ":" + d.item().step().wire() + ":" + d.kind())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void anUpdateGoesToEveryoneWarnedAndTheNewlyCoveredGetTheAlertThenTheCancellationReachesEveryoneWarned() {
        Instant t = T0;
        assertEquals(new TreeSet<>(List.of("pc-konna:issued-2:ALERT", "tester-konna:issued-2:ALERT")),
                dueAndSend(warning(2, List.of("konna"), AlertState.ACTIVE, false, false, t), t));
        assertEquals(new TreeSet<>(), dueAndSend(warning(2, List.of("konna"), AlertState.ACTIVE, false, false, t), t.plusSeconds(10)),
                "nothing twice");

        Instant widened = t.plusSeconds(60);
        assertEquals(new TreeSet<>(List.of("pc-konna:update-3:UPDATE", "tester-konna:update-3:UPDATE", "pc-djenne:issued-3:ALERT")),
                dueAndSend(warning(3, List.of("konna", "djenne"), AlertState.ACTIVE, false, false, widened), widened));

        Instant narrowed = t.plusSeconds(120);
        assertEquals(new TreeSet<>(List.of("pc-konna:update-4:UPDATE", "tester-konna:update-4:UPDATE", "pc-djenne:update-4:UPDATE")),
                dueAndSend(warning(4, List.of("djenne"), AlertState.ACTIVE, false, false, narrowed), narrowed),
                "people warned before hear that the area changed even when it no longer covers them");

        Instant cancelled = t.plusSeconds(180);
        assertEquals(new TreeSet<>(List.of("pc-konna:cancelled:CANCEL", "tester-konna:cancelled:CANCEL", "pc-djenne:cancelled:CANCEL")),
                dueAndSend(warning(4, List.of("djenne"), AlertState.RESOLVED, true, false, cancelled), cancelled),
                "the cancellation, not an all-clear, to everyone warned; Diafarabe was never warned");
        assertEquals(new TreeSet<>(), dueAndSend(warning(4, List.of("djenne"), AlertState.RESOLVED, true, false, cancelled), cancelled));
    }

    @Test
    void expiryIsAnAllClearToEveryoneWarned() {
        dueAndSend(warning(2, List.of("konna", "djenne"), AlertState.ACTIVE, false, false, T0), T0);
        Instant expired = T0.plus(Duration.ofHours(6));
        assertEquals(new TreeSet<>(List.of("pc-konna:resolved:ALL_CLEAR", "tester-konna:resolved:ALL_CLEAR", "pc-djenne:resolved:ALL_CLEAR")),
                dueAndSend(warning(2, List.of("konna", "djenne"), AlertState.RESOLVED, false, false, expired), expired));
    }

    @Test
    void aTestWarningReachesTestersOnly() {
        assertEquals(new TreeSet<>(List.of("tester-konna:issued-2:ALERT")),
                dueAndSend(warning(2, List.of("konna", "djenne"), AlertState.ACTIVE, false, true, T0), T0));
        assertEquals(new TreeSet<>(List.of("tester-konna:cancelled:CANCEL")),
                dueAndSend(warning(2, List.of("konna", "djenne"), AlertState.RESOLVED, true, true, T0.plusSeconds(60)), T0.plusSeconds(60)));
    }
}
