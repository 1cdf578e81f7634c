package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.intent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.observation.SmsStatus;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** Twilio status callbacks: deduplicated, and a delivered SMS never goes back to failed (also on a re-read of the ledger). */
class StatusTransitionsTest {

    static final String SID = "SM" + "1".repeat(32);

    final Ledger ledger = new Ledger();
    final List<Delivery> recorded = new ArrayList<>();
    final StatusTransitions transitions = new StatusTransitions(ledger, d -> {
        recorded.add(d);
        ledger.apply(d);
    });

    @Test
    void aDuplicateCallbackIsRecordedOnceAndFailedNeverFollowsDelivered() {
        ledger.apply(record(DeliveryStatus.SENT, null, T0));
        assertTrue(transitions.apply(status("delivered")));
        assertTrue(transitions.apply(status("delivered")));
        assertTrue(transitions.apply(status("failed")));
        assertTrue(transitions.apply(status("undelivered")));
        assertEquals(List.of(DeliveryStatus.DELIVERED), recorded.stream().map(Delivery::status).toList());
        assertEquals(DeliveryStatus.DELIVERED, ledger.get("d1").orElseThrow().status());

        ledger.apply(record(DeliveryStatus.FAILED, "30003", T0.plusSeconds(9)));
        assertEquals(DeliveryStatus.DELIVERED, ledger.get("d1").orElseThrow().status(), "a failed record read later does not undo delivered");
    }

    @Test
    void aLateSuccessMovesFailedToDeliveredAndAnUnknownSidWaits() {
        assertFalse(transitions.apply(status("failed")), "the ledger does not know the sid yet: kept and retried");
        ledger.apply(record(DeliveryStatus.SENT, null, T0));
        assertTrue(transitions.apply(status("failed")), "retried once the sid is known");
        assertTrue(transitions.apply(status("delivered")));
        assertEquals(List.of(DeliveryStatus.FAILED, DeliveryStatus.DELIVERED), recorded.stream().map(Delivery::status).toList());
    }

    /** A record of the SMS with message id {@link #SID}. */
    private static Delivery record(DeliveryStatus status, String errorCode, Instant at) {
        return intent("d1", List.of("a1"), "alert-Severe", "r1", at).outcome(status, at, SID, errorCode, null, 1);
    }

    private static SmsStatus status(String s) {
        return new SmsStatus(SID, s, null, T0.plusSeconds(5));
    }
}
