package org.bourtol.contracts.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One outcome of a notification on {@code bourtol.deliveries.v1}, keyed by {@code deliveryId}.
 * {@code deliveryId} identifies the (alert step, recipient, channel) being notified — the unit that is
 * sent at most once. {@code alertIds} lists every alert grouped into the message. {@code to} is
 * masked ({@code +223****4567}); the phone itself never leaves the recipient directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(String deliveryId, List<String> alertIds, String step, String recipientId, String channel,
                       DeliveryStatus status, String to, String providerId, String errorCode, String errorMessage,
                       Integer segments, int attempt, Instant at) {

    public Delivery {
        if (deliveryId == null || recipientId == null || channel == null || status == null || at == null) {
            throw new IllegalArgumentException("delivery needs deliveryId, recipientId, channel, status and at");
        }
        alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
    }
}
