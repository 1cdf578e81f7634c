package org.bourtol.contracts.observation;

import java.time.Instant;

/**
 * Someone acknowledged an alert: an {@code OK <code>} SMS or the API. Published on
 * {@code bourtol.acks.v1}, keyed by the alert code (SMS) or alert id (API); the rules turn it into an
 * {@code ACKNOWLEDGED} lifecycle event. {@code by} is a pseudonym or an API user name, never a phone.
 */
public record AckRequest(String id, String code, String alertId, String by, Source source, Instant at) {

    public AckRequest {
        Observation.require(id != null && !id.isBlank(), "id is missing");
        Observation.require((code != null && !code.isBlank()) || (alertId != null && !alertId.isBlank()), "code or alertId is required");
        Observation.require(source != null, "source is missing");
        Observation.require(at != null, "at is missing");
    }
}
