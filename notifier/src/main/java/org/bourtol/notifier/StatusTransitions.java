package org.bourtol.notifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.observation.SmsStatus;
import org.bourtol.notifier.ledger.Ledger;

/**
 * What one Twilio status callback does to the delivery holding its MessageSid: callbacks are
 * deduplicated by (MessageSid, status) and only move a delivery forward ({@link #moves}), so a
 * delivered SMS never goes back to failed. Pure apart from the ledger it reads and the record sink.
 */
final class StatusTransitions {

    private final Ledger ledger;
    private final Consumer<Delivery> record;
    /** (sid, status) already handled; bounded: the oldest are forgotten first. */
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100_000;
        }
    });

    StatusTransitions(Ledger ledger, Consumer<Delivery> record) {
        this.ledger = ledger;
        this.record = record;
    }

    /** @return false when the ledger does not know the sid yet (the caller keeps the callback and retries) */
    boolean apply(SmsStatus s) {
        DeliveryStatus status = switch (s.status().toLowerCase(Locale.ROOT)) {
            case "delivered", "read" -> DeliveryStatus.DELIVERED;
            case "undelivered" -> DeliveryStatus.UNDELIVERED;
            case "failed", "canceled" -> DeliveryStatus.FAILED;
            default -> null;
        };
        if (status == null) {
            return true;
        }
        if (!seen.add(s.messageSid() + "|" + status)) {
            return true; // the same callback again (Twilio retries, or two webhook posts): already recorded
        }
        Optional<Boolean> applied = ledger.bySid(s.messageSid()).map(d -> {
            if (!moves(d.status(), status)) {
                return true;
            }
            record.accept(d.outcome(status, s.at(), s.messageSid(), s.errorCode(), null, d.attempt()));
            return true;
        });
        if (applied.isEmpty()) {
            seen.remove(s.messageSid() + "|" + status);
        }
        return applied.orElse(false);
    }

    /**
     * Status only moves forward: sent or queued to an outcome; {@code undelivered}/{@code failed} to
     * {@code delivered} (a late success). A delivered or acknowledged SMS never goes back to failed,
     * and the same status is not recorded twice.
     */
    static boolean moves(DeliveryStatus from, DeliveryStatus to) {
        return switch (from) {
            case QUEUED, SENT -> true;
            case UNDELIVERED, FAILED -> to == DeliveryStatus.DELIVERED;
            case DELIVERED, ACKNOWLEDGED -> false;
        };
    }
}
