package org.bourtol.notifier.ledger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.privacy.Phones;

/**
 * Numbers Twilio said can never receive an SMS (invalid, not a mobile, unsubscribed by STOP):
 * after such a failure the recipient gets no further SMS until an officer changes the number — a
 * dead number is not retried at every new alert either. Keyed by recipient id and masked number,
 * so the ledger needs no phone number. Thread-safe.
 */
public final class DeadNumbers {

    /** Twilio error codes that mean "this number will not work": 21211 invalid To, 21214 not reachable, 21610 unsubscribed, 21612/21614 not a mobile / not routable. */
    public static final Set<String> PERMANENT = Set.of("21211", "21214", "21610", "21612", "21614");

    private final Map<String, String> deadMaskByRecipient = new ConcurrentHashMap<>();

    public void apply(Delivery d) {
        if (d.status() == DeliveryStatus.FAILED && d.errorCode() != null && PERMANENT.contains(d.errorCode()) && d.to() != null) {
            deadMaskByRecipient.put(d.recipientId(), d.to());
        } else if (d.status() == DeliveryStatus.SENT || d.status() == DeliveryStatus.DELIVERED) {
            deadMaskByRecipient.remove(d.recipientId(), d.to());
        }
    }

    public boolean isDead(Recipient r) {
        String dead = deadMaskByRecipient.get(r.id());
        return dead != null && dead.equals(Phones.mask(r.phone()));
    }

    /** The recipients that may still be sent to. */
    public Map<String, Recipient> alive(Map<String, Recipient> recipients) {
        if (deadMaskByRecipient.isEmpty()) {
            return recipients;
        }
        return recipients.entrySet().stream().filter(e -> !isDead(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
