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

        assertEquals(java.util.Set.of("h1"), resolved.slot().heldSources());

        // the same herd still inside, at the same or a lower severity: held, nothing raised
        r = Lifecycle.onSignal(resolved.slot(), fire("h1", Severity.Moderate, T.plusSeconds(120)), KONNA, c -> false);
        assertTrue(r.events().isEmpty());
        r = Lifecycle.onSignal(r.slot(), fire("h1", Severity.Minor, T.plusSeconds(130)), KONNA, c -> false);
        assertTrue(r.events().isEmpty());
        AlertSlot held = r.slot();
        // worse than when it was resolved: a new alert
        Lifecycle.Result worse = Lifecycle.onSignal(held, fire("h1", Severity.Severe, T.plusSeconds(180)), KONNA, c -> false);
        assertEquals(AlertEventType.RAISED, worse.events().get(0).type());
        assertFalse(first.equals(worse.events().get(0).alertId()));
        assertEquals(Severity.Severe, worse.slot().alert().severity());

        // the held herd clears: the hold ends, and the next fire raises again
        r = Lifecycle.onSignal(held, clear("h1", T.plusSeconds(200)), KONNA, c -> false);
        assertTrue(r.events().isEmpty());
        assertEquals(null, r.slot().held());
        assertEquals(null, r.slot().heldSources());
        r = Lifecycle.onSignal(r.slot(), fire("h1", Severity.Moderate, T.plusSeconds(300)), KONNA, c -> false);
        assertEquals(AlertEventType.RAISED, r.events().get(0).type());
    }

    /**
     * The hold is for what the officer saw: another herd entering the zone after the resolve is a new condition,
     * also while the held one never reports again (a collar that died inside the zone keeps its source firing).
     */
    @Test
    void aSourceThatStartsFiringAfterAResolveRaisesANewAlert() {
        Lifecycle.Result r = Lifecycle.onSignal(null, fire("h1", Severity.Moderate, T), KONNA, c -> false);
        String first = r.slot().alert().id();
        Lifecycle.Result resolved = Lifecycle.onResolve(r.slot(), new Signal.Ack("q1", first, null, "agent-diallo", T.plusSeconds(60),
                "collar dead, herd left last week"));
        Lifecycle.Result second = Lifecycle.onSignal(resolved.slot(), fire("h2", Severity.Minor, T.plus(java.time.Duration.ofDays(3))), KONNA, c -> false);
        assertEquals(AlertEventType.RAISED, second.events().get(0).type());
        assertFalse(first.equals(second.events().get(0).alertId()), "a new alert, not the resolved one");
        assertEquals(Severity.Moderate, second.slot().alert().severity(), "the zone's highest firing source, the silent herd included");
        assertEquals(null, second.slot().held());
        // h2 leaves; the silent h1 still fires, so the new alert stays active, as any alert with a firing source
        r = Lifecycle.onSignal(second.slot(), clear("h2", T.plus(java.time.Duration.ofDays(3)).plusSeconds(600)), KONNA, c -> false);
        assertTrue(r.slot().active());
    }

    /** A slot stored before held sources were recorded holds every source it has, as it did then. */
    @Test
    void aHeldSlotWrittenBeforeHeldSourcesHoldsAllItsSources() {
        Lifecycle.Result r = Lifecycle.onSignal(null, fire("h1", Severity.Moderate, T), KONNA, c -> false);
        r = Lifecycle.onSignal(r.slot(), fire("h2", Severity.Moderate, T.plusSeconds(10)), KONNA, c -> false);
        Lifecycle.Result resolved = Lifecycle.onResolve(r.slot(), new Signal.Ack("q1", r.slot().alert().id(), null, "agent", T.plusSeconds(60), "x"));
        org.bourtol.contracts.topic.JsonSerde<AlertSlot> serde = new org.bourtol.contracts.topic.JsonSerde<>(AlertSlot.class);
        String json = new String(serde.serializer().serialize("t", resolved.slot()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"heldSources\""), json);
        String before = json.replaceAll(",?\"heldSources\":\\[[^\\]]*\\]", "");
        assertFalse(before.contains("heldSources"), before);
        AlertSlot old = serde.deserializer().deserialize("t", before.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(null, old.heldSources());
        assertEquals(Severity.Moderate, old.held());
        assertTrue(Lifecycle.onSignal(old, fire("h2", Severity.Moderate, T.plusSeconds(120)), KONNA, c -> false).events().isEmpty(),
                "h2 was firing when the alert was resolved");
        Lifecycle.Result afterH1 = Lifecycle.onSignal(old, clear("h1", T.plusSeconds(130)), KONNA, c -> false);
        assertEquals(java.util.Set.of("h2"), afterH1.slot().heldSources());
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
