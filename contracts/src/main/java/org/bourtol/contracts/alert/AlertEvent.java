package org.bourtol.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One lifecycle step on {@code bourtol.alerts.v1}, keyed by alert id. {@code eventId} is unique and
 * deterministic ({@code alertId/type/seq}), so consumers can deduplicate; {@code seq} counts the
 * alert's events from 1. {@code alert} is the full alert state after this step. {@code note}
 * carries free text for OUTCOME and the escalation target for ESCALATED.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(String eventId, String alertId, AlertEventType type, int seq, Instant at, Alert alert, String note) {

    public AlertEvent {
        if (eventId == null || alertId == null || type == null || at == null || alert == null) {
            throw new IllegalArgumentException("alert event needs eventId, alertId, type, at and alert");
        }
    }
}
