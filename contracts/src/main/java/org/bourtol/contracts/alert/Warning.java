package org.bourtol.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.observation.Hazard;

/**
 * A warning an officer issues by hand, as stored on the compacted {@code bourtol.warnings.v1} (key =
 * id, which is also the id of the alert it becomes). Every change writes the whole document with a
 * higher {@code version}: a {@code draft} sends nothing; {@code approved} makes the rules' lifecycle
 * raise the alert (and, at a later version, update it); {@code cancelled} ends it with a cancellation.
 * {@code zones} are the zone ids in scope (given, or those the drawn {@code area} reaches);
 * {@code geometry} is the area for CAP (the drawn area, else the zones' polygons); {@code place} names
 * the zones for the SMS. Validated by the API before it is written; the constructor only keeps the
 * record usable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Warning(String id, State state, int version, Hazard hazard, Severity severity, Urgency urgency,
        Certainty certainty, List<String> zones, String place, JsonNode area, JsonNode geometry,
        Map<String, String> headline, Map<String, String> instruction, Instant expiresAt, boolean test,
        String office, String author, String approvedBy, String cancelledBy, Instant createdAt,
        Instant updatedAt) {

    /** Where a warning is in its life. */
    public enum State {
        @JsonProperty("draft") DRAFT,
        @JsonProperty("approved") APPROVED,
        @JsonProperty("cancelled") CANCELLED
    }

    public Warning {
        if (id == null || id.isBlank() || state == null || hazard == null || severity == null || author == null) {
            throw new IllegalArgumentException("warning needs id, state, hazard, severity and author");
        }
        zones = zones == null ? List.of() : List.copyOf(zones);
        headline = headline == null ? Map.of() : Map.copyOf(headline);
        instruction = instruction == null ? Map.of() : Map.copyOf(instruction);
    }

    /** The same warning in another state, at the next version. */
    public Warning next(State newState, String approver, String canceller, Instant at) {
        return new Warning(id, newState, version + 1, hazard, severity, urgency, certainty, zones, place, area, geometry, headline,
                instruction, expiresAt, test, office, author, approver, canceller, createdAt, at);
    }
}
