package org.bourtol.notifier;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.notifier.ledger.Ledger;

/**
 * When an alert is acknowledged by SMS ({@code acknowledgedBy} is the sender's pseudonym), records
 * {@code acknowledged} on the latest delivery that warned that recipient of the alert — matched by
 * pseudonym, so no phone number is compared outside the directory.
 */
final class AcknowledgementRecorder {

    private final Pseudonyms pseudonyms;
    private final Ledger ledger;
    private final Clock clock;
    private final Consumer<Delivery> record;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    AcknowledgementRecorder(Pseudonyms pseudonyms, Ledger ledger, Clock clock, Consumer<Delivery> record) {
        this.pseudonyms = pseudonyms;
        this.ledger = ledger;
        this.clock = clock;
        this.record = record;
    }

    void check(Collection<Alert> alerts, Map<String, Recipient> recipients) {
        for (Alert a : alerts) {
            if (!a.acknowledged() || a.acknowledgedBy() == null || done.contains(a.id())) {
                continue;
            }
            done.add(a.id());
            List<Delivery> warned = ledger.forAlert(a.id());
            for (int i = warned.size() - 1; i >= 0; i--) {
                Delivery d = warned.get(i);
                Recipient r = recipients.get(d.recipientId());
                if (r != null && r.phone() != null && a.acknowledgedBy().equals(pseudonyms.of(r.phone()))) {
                    if (d.status() != DeliveryStatus.ACKNOWLEDGED) {
                        record.accept(d.outcome(DeliveryStatus.ACKNOWLEDGED, a.acknowledgedAt() != null ? a.acknowledgedAt() : clock.instant(),
                                d.providerId(), null, null, d.attempt()));
                    }
                    break;
                }
            }
        }
    }
}
