package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.intent;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** An OK reply marks the delivery that warned its sender as acknowledged, matched by pseudonym only. */
class AcknowledgementRecorderTest {

    @Test
    void okBySmsMarksTheSendersDeliveryAcknowledgedOnce() {
        Pseudonyms pseudonyms = new Pseudonyms("unit-test-pseudonym-key");
        Recipient committee = recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), null, null, null);
        Recipient other = recipient("other", null, "+22376000002", "fr", List.of("konna"), null, null, null);
        Ledger ledger = new Ledger();
        for (Recipient r : List.of(committee, other)) {
            ledger.apply(intent("a1/alert-Severe/" + r.id(), List.of("a1"), "alert-Severe", r.id(), T0)
                    .outcome(DeliveryStatus.DELIVERED, T0, "SM-" + r.id(), null, null, 1).withProvider(Delivery.LOCAL_SINK));
        }
        List<Delivery> recorded = new ArrayList<>();
        AcknowledgementRecorder acks = new AcknowledgementRecorder(pseudonyms, ledger, Clock.fixed(T0, ZoneOffset.UTC), d -> {
            recorded.add(d);
            ledger.apply(d);
        });
        Alert base = Fixtures.alert("a1", "K7Q", Hazard.CONFLICT, "konna", Severity.Severe, AlertState.ACTIVE, false);
        Alert acked = base.toBuilder().acknowledged(pseudonyms.of("+22376000001"), T0.plusSeconds(90)).evidence(List.of()).build();
        Map<String, Recipient> recipients = Map.of("committee", committee, "other", other);
        acks.check(List.of(base), recipients);
        acks.check(List.of(acked), recipients);
        acks.check(List.of(acked), recipients);
        assertEquals(1, recorded.size());
        assertEquals("a1/alert-Severe/committee", recorded.get(0).deliveryId());
        assertEquals(DeliveryStatus.ACKNOWLEDGED, recorded.get(0).status());
        assertEquals(T0.plusSeconds(90), recorded.get(0).at());
        assertEquals(Delivery.LOCAL_SINK, recorded.get(0).provider(), "an acknowledged local-sink SMS never counts as sent through Twilio");
    }
}
