package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An input Bourtol could not accept, kept on {@code bourtol.rejected.v1} for inspection. {@code reason}
 * is written for a person; {@code code} is a stable machine reason (used as a metric label);
 * {@code origin} is the MQTT topic or HTTP path; {@code payload} is the raw payload with any phone
 * number masked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejected(String id, Source source, String origin, Instant receivedAt, String code, String reason,
        String payload, String reporterId) {

    public Rejected {
        Observation.require(id != null && !id.isBlank(), "id is missing");
        Observation.require(source != null, "source is missing");
        Observation.require(receivedAt != null, "receivedAt is missing");
        Observation.require(code != null && !code.isBlank(), "code is missing");
        Observation.require(reason != null && !reason.isBlank(), "reason is missing");
    }
}
