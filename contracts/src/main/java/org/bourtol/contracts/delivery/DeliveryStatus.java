package org.bourtol.contracts.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to one notification. Wire form is lower case, as Twilio spells its statuses. */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, FAILED, UNDELIVERED, ACKNOWLEDGED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
