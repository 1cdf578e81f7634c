package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A rule as stored on {@code bourtol.rules.v1} (key = id): a type from docs/rules.md, its parameters, the
 * zones or stations it applies to, active seasons, a severity mapping and an enabled flag.
 * {@code version}, {@code updatedBy} and {@code updatedAt} are set by the API on every change.
 * Type-specific validation lives in the rules module.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDocument(String id, String type, boolean enabled, List<String> zones, ObjectNode params,
        List<Season> seasons, JsonNode severity, String description,
        int version, String updatedBy, Instant updatedAt) {

    /** An active period within each year, as "MM-DD" bounds (inclusive; may wrap over the new year). */
    public record Season(String from, String to) {
        public Season {
            if (from == null || to == null || !from.matches("\\d\\d-\\d\\d") || !to.matches("\\d\\d-\\d\\d")) {
                throw new IllegalArgumentException("season bounds must be \"MM-DD\", got " + from + " / " + to);
            }
        }
    }

    public RuleDocument {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("rule id '" + id + "' must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("rule " + id + ": type is missing");
        }
        zones = zones == null ? List.of() : List.copyOf(zones);
        seasons = seasons == null ? List.of() : List.copyOf(seasons);
        params = params == null ? JsonNodeFactory.instance.objectNode() : params;
    }
}
