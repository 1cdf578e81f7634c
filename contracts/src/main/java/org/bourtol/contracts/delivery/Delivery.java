package org.bourtol.contracts.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One outcome of a notification on {@code bourtol.deliveries.v1}, keyed by {@code deliveryId}.
 * {@code deliveryId} identifies the (alert step, recipient, channel) being notified — the unit that is
 * sent at most once. {@code alertIds} lists every alert grouped into the message. {@code to} is
 * masked ({@code +223****4567}); the phone itself never leaves the recipient directory.
 * {@code errorMessage} is the provider's text with phone-like numbers masked. {@code provider} says
 * where the SMS went: {@link #TWILIO} (also when absent, in records written before the field existed)
 * or {@link #LOCAL_SINK} (the local Twilio-compatible server of {@code demo} and {@code run --embedded}:
 * no phone received it, and it never counts as sent through Twilio).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(String deliveryId, List<String> alertIds, String step, String recipientId, String channel,
        DeliveryStatus status, String to, String providerId, String errorCode, String errorMessage,
        Integer segments, int attempt, Instant at, String provider) {

    public static final String TWILIO = "twilio";
    public static final String LOCAL_SINK = "local-sink";

    @JsonCreator
    public Delivery {
        if (deliveryId == null || recipientId == null || channel == null || status == null || at == null) {
            throw new IllegalArgumentException("delivery needs deliveryId, recipientId, channel, status and at");
        }
        alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
    }

    /** A record without provider (read as Twilio). */
    public Delivery(String deliveryId, List<String> alertIds, String step, String recipientId, String channel,
                    DeliveryStatus status, String to, String providerId, String errorCode, String errorMessage,
                    Integer segments, int attempt, Instant at) {
        this(deliveryId, alertIds, step, recipientId, channel, status, to, providerId, errorCode, errorMessage, segments, attempt, at,
                null);
    }

    public Delivery withProvider(String value) {
        return new Delivery(deliveryId, alertIds, step, recipientId, channel, status, to, providerId, errorCode, errorMessage,
                segments, attempt, at, value);
    }

    /** True when this SMS went to the local sink, not to Twilio. */
    public boolean localSink() {
        return LOCAL_SINK.equals(provider);
    }
}
