package org.bourtol.rules.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.api.Test;

class WarningLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    static Warning draft(List<String> zones) {
        return new Warning("w1", Warning.State.DRAFT, 1, Hazard.CONFLICT, Severity.Extreme, Urgency.Immediate, Certainty.Likely,
                zones, String.join(", ", zones), null, null, Map.of("fr", "Groupe arme signale", "en", "Armed group reported"),
                Map.of("fr", "Restez chez vous", "en", "Stay home"), T0.plus(Duration.ofHours(6)), false, "dgpc", "officer-a", null, null,
                T0, T0);
    }

    @Test
    void aDraftSendsNothingAndTheApprovalRaisesTheAlertAsIssuedByHand() {
        Warning d = draft(List.of("konna"));
        assertTrue(WarningLifecycle.onWarning(null, d, T0, c -> false).events().isEmpty());
        Warning approved = d.next(Warning.State.APPROVED, "officer-b", null, T0.plusSeconds(60));
        Lifecycle.Result r = WarningLifecycle.onWarning(null, approved, T0.plusSeconds(60), c -> false);
        assertEquals(1, r.events().size());
        assertEquals(AlertEventType.RAISED, r.events().get(0).type());
        Alert a = r.slot().alert();
        assertEquals("w1", a.id());
        assertEquals(Alert.ISSUED_RULE, a.rule());
        assertEquals("officer-a", a.issued().by());
        assertEquals("officer-b", a.issued().approvedBy());
        assertEquals("konna", a.zone());
        assertEquals(3, a.code().length());
        assertTrue(WarningLifecycle.onWarning(r.slot(), approved, T0.plusSeconds(61), c -> false).events().isEmpty(), "a replay changes nothing");
    }

    @Test
    void anUpdateKeepsIdCodeAndAcknowledgementAndACancelResolvesItAsCancelled() {
        Warning approved = draft(List.of("konna")).next(Warning.State.APPROVED, "officer-b", null, T0);
        AlertSlot raised = WarningLifecycle.onWarning(null, approved, T0, c -> false).slot();
        AlertSlot acked = Lifecycle.onAck(raised, new org.bourtol.rules.engine.Signal.Ack("r", "w1", null, "pc-konna", T0.plusSeconds(5))).slot();
        Warning wider = new Warning("w1", Warning.State.APPROVED, 3, Hazard.CONFLICT, Severity.Severe, Urgency.Immediate, Certainty.Likely,
                List.of("konna", "djenne"), "Konna, Djenne", null, null, approved.headline(), approved.instruction(), approved.expiresAt(),
                false, "dgpc", "officer-a", "officer-b", null, T0, T0.plusSeconds(120));
        Lifecycle.Result u = WarningLifecycle.onWarning(acked, wider, T0.plusSeconds(120), c -> false);
        assertEquals(AlertEventType.UPDATED, u.events().get(0).type());
        Alert a = u.slot().alert();
        assertEquals(raised.alert().code(), a.code());
        assertEquals(List.of("konna", "djenne"), a.zones());
        assertEquals(Severity.Severe, a.severity());
        assertEquals(3, a.issued().version());
        assertTrue(a.acknowledged());
        assertEquals(T0, a.raisedAt());
        Lifecycle.Result c = WarningLifecycle.onWarning(u.slot(), wider.next(Warning.State.CANCELLED, "officer-b", "officer-c",
                T0.plusSeconds(200)), T0.plusSeconds(200), x -> false);
        assertEquals(AlertEventType.RESOLVED, c.events().get(0).type());
        assertFalse(c.slot().alert().active());
        assertTrue(c.slot().alert().issued().cancelled());
        assertEquals("officer-c", c.slot().alert().issued().cancelledBy());
        assertTrue(WarningLifecycle.onExpiry(c.slot(), T0.plus(Duration.ofDays(1))).events().isEmpty(), "nothing left to expire");
    }

    @Test
    void expiryResolvesOnlyOnceItsTimeHasPassed() {
        Warning approved = draft(List.of("konna")).next(Warning.State.APPROVED, "officer-b", null, T0);
        AlertSlot raised = WarningLifecycle.onWarning(null, approved, T0, c -> false).slot();
        assertTrue(WarningLifecycle.onExpiry(raised, T0.plus(Duration.ofHours(5))).events().isEmpty());
        Lifecycle.Result r = WarningLifecycle.onExpiry(raised, T0.plus(Duration.ofHours(6)));
        assertEquals(AlertEventType.RESOLVED, r.events().get(0).type());
        assertFalse(r.slot().alert().issued().cancelled());
        assertTrue(WarningLifecycle.onWarning(null, approved, T0.plus(Duration.ofHours(7)), c -> false).events().isEmpty(),
                "an approval arriving after the expiry raises nothing");
    }
}
