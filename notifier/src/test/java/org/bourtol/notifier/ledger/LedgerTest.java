package org.bourtol.notifier.ledger;

import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.intent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.junit.jupiter.api.Test;

class LedgerTest {

    static Delivery d(DeliveryStatus status, String sid, int attempt, long at) {
        return intent("g1", List.of("a1", "a2"), "alert-Severe,repeat-1", "r1", T0.plusSeconds(at)).outcome(status, T0.plusSeconds(at), sid,
                null, null, attempt);
    }

    static Delivery failed(String id, String code, String message) {
        return Delivery.intent(id, List.of("a1"), "alert-Severe", "r1", "+223****0301", 1, T0, null).outcome(DeliveryStatus.FAILED, T0, null,
                code, message, 1);
    }

    @Test
    void groupedDeliveriesCoverEachItemAndOlderRecordsNeverUndoNewerOnes() {
        Ledger l = new Ledger();
        l.apply(d(DeliveryStatus.QUEUED, null, 1, 0));
        assertEquals(1, l.openIntents().size());
        l.apply(d(DeliveryStatus.DELIVERED, "SM1", 1, 5));
        l.apply(d(DeliveryStatus.QUEUED, null, 1, 0));
        l.apply(d(DeliveryStatus.SENT, "SM1", 1, 2));
        assertEquals(DeliveryStatus.DELIVERED, l.get("g1").orElseThrow().status());
        assertTrue(l.openIntents().isEmpty());
        assertTrue(l.covered(new Ledger.Item("a1", DeliveryStep.parse("alert-Severe"), "r1")));
        assertTrue(l.covered(new Ledger.Item("a2", DeliveryStep.parse("repeat-1"), "r1")));
        assertTrue(!l.covered(new Ledger.Item("a2", DeliveryStep.parse("repeat-2"), "r1")));
        assertEquals(T0, l.intentAt("g1"));
        assertEquals("g1", l.bySid("SM1").orElseThrow().deliveryId());
        assertEquals(1, l.forAlert("a2").size());
        assertEquals(1, l.intentsSince("r1", T0));
    }

    @Test
    void aRecordWithoutMessageIdKeepsTheOneKnownAndItsOwnProvider() {
        Ledger l = new Ledger();
        l.apply(d(DeliveryStatus.SENT, "SM1", 1, 2).withProvider(Delivery.LOCAL_SINK));
        l.apply(d(DeliveryStatus.FAILED, null, 1, 5).withProvider(Delivery.LOCAL_SINK));
        Delivery merged = l.get("g1").orElseThrow();
        assertEquals(DeliveryStatus.FAILED, merged.status());
        assertEquals("SM1", merged.providerId(), "the message id already known is kept");
        assertEquals(Delivery.LOCAL_SINK, merged.provider(), "the provider is not lost in the merge");
        assertTrue(merged.localSink());
    }

    @Test
    void intentsSinceCountsEachDeliveryOnceAtItsEarliestRecordPerRecipientAndForEveryone() {
        Ledger l = new Ledger();
        for (int i = 0; i < 5; i++) {
            l.apply(intent("d" + i, List.of("a1"), "alert-Severe", i % 2 == 0 ? "r1" : "r2", T0.plusSeconds(60L * i)));
        }
        assertEquals(5, l.intentsSince(null, T0));
        assertEquals(3, l.intentsSince("r1", T0));
        assertEquals(2, l.intentsSince(null, T0.plusSeconds(180)), "d3 and d4");
        assertEquals(1, l.intentsSince("r1", T0.plusSeconds(180)), "d4");
        assertEquals(0, l.intentsSince("nobody", T0));
        // a later record of d4 does not move its intent; an older one read late moves it back, still counted once
        l.apply(intent("d4", List.of("a1"), "alert-Severe", "r1", T0.plusSeconds(900)));
        assertEquals(2, l.intentsSince(null, T0.plusSeconds(180)));
        l.apply(intent("d4", List.of("a1"), "alert-Severe", "r1", T0.minusSeconds(60)));
        assertEquals(1, l.intentsSince(null, T0.plusSeconds(180)), "d4's intent is now before the instant");
        assertEquals(5, l.intentsSince(null, T0.minusSeconds(60)));
        assertEquals(3, l.intentsSince("r1", T0.minusSeconds(60)));
    }

    @Test
    void aNumberTwilioRefusedPermanentlyIsNotUsedAgainUntilItChanges() {
        Ledger l = new Ledger();
        var r = org.bourtol.notifier.Fixtures.recipient("r1", null, "+22370000301", "fr", List.of("z"), null, null, null);
        var fixed = org.bourtol.notifier.Fixtures.recipient("r1", null, "+22370009999", "fr", List.of("z"), null, null, null);
        l.apply(failed("d1", "21211", "Invalid 'To' Phone Number"));
        assertTrue(l.deadNumbers().isDead(r));
        assertTrue(l.deadNumbers().alive(java.util.Map.of("r1", r)).isEmpty());
        assertEquals(1, l.deadNumbers().alive(java.util.Map.of("r1", fixed)).size());
        l.apply(failed("d2", "30003", "Unreachable handset"));
        assertTrue(l.deadNumbers().isDead(r), "a transient carrier failure does not revive it");
    }
}
