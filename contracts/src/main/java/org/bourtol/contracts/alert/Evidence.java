package org.bourtol.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One observation that contributed to an alert: its id, kind, time, a short value ("640 cm", "250 cattle") and the reporter pseudonym if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String observationId, String kind, Instant observedAt, String value, String reporterId) {
}
