package org.bourtol.rules.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.rules.engine.Signal;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    static final Instant T = Instant.parse("2020-12-01T08:00:00Z");
    static final Lifecycle.ZoneFacts KONNA = new Lifecycle.ZoneFacts("Konna", null);

    static Signal fire(String source, Severity severity, Instant at) {
        return Signal.fire("farmland-protection", "herd-in-protected-zone", Hazard.CONFLICT, "konna", source, "fire", severity,
                Map.of("fr", "x " + severity, "en", "x " + severity), List.of(new Evidence("o-" + source + at, "herd", at, "1", null)), at);
    }

    static Signal clear(String source, Instant at) {
        return Signal.clear("farmland-protection", "herd-in-protected-zone", Hazard.CONFLICT, "konna", source, at);
    }

    @Test
    void twoHerdsShareOneAlertWhichResolvesWhenBothLeft() {
        Lifecycle.Result r = Lifecycle.onSignal(null, fire("h1", Severity.Moderate, T), KONNA, c -> false);
        assertEquals(AlertEventType.RAISED, r.events().get(0).type());
        String id = r.events().get(0).alertId();
        r = Lifecycle.onSignal(r.slot(), fire("h2", Severity.Severe, T.plusSeconds(60)), KONNA, c -> false);
        assertEquals(AlertEventType.UPDATED, r.events().get(0).type());
        assertEquals(Severity.Severe, r.slot().alert().severity());
        assertEquals(id, r.slot().alert().id());
        r = Lifecycle.onSignal(r.slot(), clear("h2", T.plusSeconds(120)), KONNA, c -> false);
        assertEquals(AlertEventType.UPDATED, r.events().get(0).type(), "h1 still inside: back to its severity");
        assertEquals(Severity.Moderate, r.slot().alert().severity());
        r = Lifecycle.onSignal(r.slot(), clear("h1", T.plusSeconds(180)), KONNA, c -> false);
        assertEquals(AlertEventType.RESOLVED, r.events().get(0).type());
        assertEquals(4, r.events().get(0).seq());
        assertEquals(id + "/RESOLVED/4", r.events().get(0).eventId());
        assertFalse(r.slot().active());
    }

    @Test
    void acknowledgementsAreRecordedOnce() {
        Lifecycle.Result r = Lifecycle.onSignal(null, fire("h1", Severity.Moderate, T), KONNA, c -> false);
        Signal.Ack ack = new Signal.Ack("a1", null, r.slot().alert().code(), "r-0000000000000001", T.plusSeconds(30));
        Lifecycle.Result acked = Lifecycle.onAck(r.slot(), ack);
        assertEquals(AlertEventType.ACKNOWLEDGED, acked.events().get(0).type());
        assertTrue(acked.slot().alert().acknowledged());
        assertTrue(Lifecycle.onAck(acked.slot(), ack).events().isEmpty());
    }

    @Test
    void anOfficerResolveClosesTheAlertAndHoldsItUntilTheConditionClearsOrWorsens() {
        Lifecycle.Result r = Lifecycle.onSignal(null, fire("h1", Severity.Moderate, T), KONNA, c -> false);
        String first = r.slot().alert().id();
        Signal.Ack resolve = new Signal.Ack("q1", first, null, "agent-diallo", T.plusSeconds(60), "herd left, checked by phone");
        Lifecycle.Result resolved = Lifecycle.onResolve(r.slot(), resolve);
        assertEquals(AlertEventType.RESOLVED, resolved.events().get(0).type());
        assertEquals("resolved by agent-diallo: herd left, checked by phone", resolved.events().get(0).note());
        assertEquals(T.plusSeconds(60), resolved.slot().alert().resolvedAt());
        assertEquals(org.bourtol.contracts.alert.AlertState.RESOLVED, resolved.slot().alert().state());
        assertEquals(Severity.Moderate, resolved.slot().held());
        assertTrue(Lifecycle.onResolve(resolved.slot(), resolve).events().isEmpty(), "a second resolve changes nothing");
        assertTrue(Lifecycle.onAck(resolved.slot(), new Signal.Ack("a", first, null, "x", T.plusSeconds(61))).events().isEmpty());

        // the same herd still inside, a second one at the same severity: held, nothing raised
        r = Lifecycle.onSignal(resolved.slot(), fire("h1", Severity.Moderate, T.plusSeconds(120)), KONNA, c -> false);
        assertTrue(r.events().isEmpty());
        r = Lifecycle.onSignal(r.slot(), fire("h2", Severity.Minor, T.plusSeconds(130)), KONNA, c -> false);
        assertTrue(r.events().isEmpty());
        // worse than when it was resolved: a new alert
        Lifecycle.Result worse = Lifecycle.onSignal(r.slot(), fire("h2", Severity.Severe, T.plusSeconds(180)), KONNA, c -> false);
        assertEquals(AlertEventType.RAISED, worse.events().get(0).type());
        assertFalse(first.equals(worse.events().get(0).alertId()));
        assertEquals(Severity.Severe, worse.slot().alert().severity());

        // both clear: the hold ends, and the next fire raises again
        r = Lifecycle.onSignal(r.slot(), clear("h1", T.plusSeconds(200)), KONNA, c -> false);
        assertEquals(Severity.Moderate, r.slot().held(), "h2 still fires");
        r = Lifecycle.onSignal(r.slot(), clear("h2", T.plusSeconds(210)), KONNA, c -> false);
        assertTrue(r.events().isEmpty());
        assertEquals(null, r.slot().held());
        r = Lifecycle.onSignal(r.slot(), fire("h1", Severity.Moderate, T.plusSeconds(300)), KONNA, c -> false);
        assertEquals(AlertEventType.RAISED, r.events().get(0).type());
    }

    @Test
    void aResolveOfAnAlertWithoutFiringSourcesHoldsNothing() {
        Lifecycle.Result r = Lifecycle.onSignal(null, fire("h1", Severity.Moderate, T), KONNA, c -> false);
        AlertSlot noSources = new AlertSlot(r.slot().alert(), r.slot().seq(), Map.of());
        Lifecycle.Result resolved = Lifecycle.onResolve(noSources,
                new Signal.Ack("q1", r.slot().alert().id(), null, "agent", T.plusSeconds(5), "test"));
        assertEquals(AlertEventType.RESOLVED, resolved.events().get(0).type());
        assertEquals(null, resolved.slot().held());
        assertTrue(Lifecycle.onResolve(null, new Signal.Ack("q2", "x", null, "agent", T, "why")).events().isEmpty());
    }

    @Test
    void shortCodesAvoidLookAlikesAndActiveCodes() {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = ShortCodes.allocate("alert-" + i, taken::contains);
            assertTrue(code.matches("[ACDEFHJKMNPRTUVWXY3479]{3,4}"), code);
            assertTrue(taken.add(code), "unique among active: " + code);
        }
        assertEquals(ShortCodes.allocate("alert-x", c -> false), ShortCodes.allocate("alert-x", c -> false), "deterministic");
    }
}
