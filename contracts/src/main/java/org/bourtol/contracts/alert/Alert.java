package org.bourtol.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.observation.Hazard;

/**
 * The state of one alert after a lifecycle event. There is at most one active alert per
 * (rule, zone); {@code id} is stable for its life and {@code code} is a short code (3–4 letters and
 * digits, unique among active alerts) that recipients send back as {@code OK <code>}.
 * {@code headline} and {@code instruction} are keyed by language ("fr", "en"). {@code geometry} is the
 * zone's GeoJSON geometry. {@code level} is the rule's own level name (e.g. "warning", "red").
 * {@code issued} is null for an alert a rule raised and set for a warning an officer issued by hand
 * (then {@code rule} is {@link #ISSUED_RULE}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String id, String code, String rule, String ruleType, Hazard hazard, String zone, String zoneName,
        JsonNode geometry, String state, Severity severity, Urgency urgency, Certainty certainty, String level,
        Map<String, String> headline, Map<String, String> instruction,
        Instant raisedAt, Instant updatedAt, Instant resolvedAt,
        boolean acknowledged, String acknowledgedBy, Instant acknowledgedAt, String outcome,
        List<Evidence> evidence, Issued issued) {

    public static final String ACTIVE = "active";
    public static final String RESOLVED = "resolved";
    /** The {@code rule} and {@code ruleType} of officer-issued warnings. */
    public static final String ISSUED_RULE = "officer-warning";

    /** A rule's alert (not issued by hand). */
    public Alert(String id, String code, String rule, String ruleType, Hazard hazard, String zone, String zoneName,
                 JsonNode geometry, String state, Severity severity, Urgency urgency, Certainty certainty, String level,
                 Map<String, String> headline, Map<String, String> instruction,
                 Instant raisedAt, Instant updatedAt, Instant resolvedAt,
                 boolean acknowledged, String acknowledgedBy, Instant acknowledgedAt, String outcome,
                 List<Evidence> evidence) {
        this(id, code, rule, ruleType, hazard, zone, zoneName, geometry, state, severity, urgency, certainty, level, headline,
                instruction, raisedAt, updatedAt, resolvedAt, acknowledged, acknowledgedBy, acknowledgedAt, outcome, evidence, null);
    }

    public Alert {
        if (id == null || id.isBlank() || code == null || code.isBlank()) {
            throw new IllegalArgumentException("alert id and code are required");
        }
        if (hazard == null || severity == null || zone == null) {
            throw new IllegalArgumentException("alert hazard, severity and zone are required");
        }
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        headline = headline == null ? Map.of() : Map.copyOf(headline);
        instruction = instruction == null ? Map.of() : Map.copyOf(instruction);
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }

    /** Every zone the alert covers: the issued warning's zones, else the alert's one zone. */
    public List<String> zones() {
        return issued != null && !issued.zones().isEmpty() ? issued.zones() : List.of(zone);
    }

    /** True for a test warning (sent only to testers, CAP status Test). */
    public boolean test() {
        return issued != null && issued.test();
    }
}
