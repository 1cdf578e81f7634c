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

    /**
     * The intent of one SMS, written (and acknowledged by Kafka) before the provider is called: {@link DeliveryStatus#QUEUED},
     * no message id yet, first attempt.
     *
     * @param step the steps of {@code alertIds}, comma-separated in their order
     * @param maskedTo the recipient's masked number (never the number itself)
     * @param provider {@link #TWILIO}, {@link #LOCAL_SINK}, or null (read as Twilio)
     */
    public static Delivery intent(String deliveryId, List<String> alertIds, String step, String recipientId, String maskedTo,
                                  Integer segments, Instant at, String provider) {
        return new Delivery(deliveryId, alertIds, step, recipientId, "sms", DeliveryStatus.QUEUED, maskedTo, null, null, null, segments, 1, at,
                provider);
    }

    /**
     * A later record of the same delivery (same alerts, recipient, number, segments and provider): what happened (at
     * {@code when}), the provider's message id, its error code and text (phone-like numbers already masked), and which attempt it was.
     */
    public Delivery outcome(DeliveryStatus next, Instant when, String messageId, String code, String message, int attemptNo) {
        return new Delivery(deliveryId, alertIds, step, recipientId, channel, next, to, messageId, code, message, segments, attemptNo, when,
                provider);
    }

    /**
     * This record with the message id and segment count of an {@code older} record of the same delivery where it has none: a
     * later record that does not repeat them (a stale failure, an acknowledgement) keeps them.
     */
    public Delivery filledFrom(Delivery older) {
        return new Delivery(deliveryId, alertIds, step, recipientId, channel, status, to,
                providerId != null ? providerId : older.providerId, errorCode, errorMessage, segments != null ? segments : older.segments,
                attempt, at, provider);
    }

    public Delivery withProvider(String value) {
        return new Delivery(deliveryId, alertIds, step, recipientId, channel, status, to, providerId, errorCode, errorMessage, segments,
                attempt, at, value);
    }

    /** True when this SMS went to the local sink, not to Twilio. */
    public boolean localSink() {
        return LOCAL_SINK.equals(provider);
    }
}
