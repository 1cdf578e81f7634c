package org.bourtol.contracts.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/** What happened to one notification. Wire form is lower case, as Twilio spells its statuses. */
public enum DeliveryStatus implements WireName {
    QUEUED, SENT, DELIVERED, FAILED, UNDELIVERED, ACKNOWLEDGED;

    @JsonCreator
    public static DeliveryStatus fromWire(String value) {
        return WireNames.parse(DeliveryStatus.class, "delivery status", value);
    }
}
