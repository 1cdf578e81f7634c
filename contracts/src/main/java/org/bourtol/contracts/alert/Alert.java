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
        JsonNode geometry, AlertState state, Severity severity, Urgency urgency, Certainty certainty, String level,
        Map<String, String> headline, Map<String, String> instruction,
        Instant raisedAt, Instant updatedAt, Instant resolvedAt,
        boolean acknowledged, String acknowledgedBy, Instant acknowledgedAt, String outcome,
        List<Evidence> evidence, Issued issued) {

    /** The {@code rule} and {@code ruleType} of officer-issued warnings. */
    public static final String ISSUED_RULE = "officer-warning";

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
        return state == AlertState.ACTIVE;
    }

    /** A new alert, field by field. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this alert, to change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every zone the alert covers: the issued warning's zones, else the alert's one zone. */
    public List<String> zones() {
        return issued != null && !issued.zones().isEmpty() ? issued.zones() : List.of(zone);
    }

    /** True for a test warning (sent only to testers, CAP status Test). */
    public boolean test() {
        return issued != null && issued.test();
    }

    /**
     * Builds an {@link Alert} by named steps, so no caller writes the 24 positional fields. Starts empty
     * (or from an alert, {@link #toBuilder()}); {@link #build()} runs the record's checks.
     */
    public static final class Builder {
        private String id;
        private String code;
        private String rule;
        private String ruleType;
        private Hazard hazard;
        private String zone;
        private String zoneName;
        private JsonNode geometry;
        private AlertState state;
        private Severity severity;
        private Urgency urgency;
        private Certainty certainty;
        private String level;
        private Map<String, String> headline;
        private Map<String, String> instruction;
        private Instant raisedAt;
        private Instant updatedAt;
        private Instant resolvedAt;
        private boolean acknowledged;
        private String acknowledgedBy;
        private Instant acknowledgedAt;
        private String outcome;
        private List<Evidence> evidence;
        private Issued issued;

        private Builder() {
        }

        private Builder(Alert a) {
            id = a.id;
            code = a.code;
            rule = a.rule;
            ruleType = a.ruleType;
            hazard = a.hazard;
            zone = a.zone;
            zoneName = a.zoneName;
            geometry = a.geometry;
            state = a.state;
            severity = a.severity;
            urgency = a.urgency;
            certainty = a.certainty;
            level = a.level;
            headline = a.headline;
            instruction = a.instruction;
            raisedAt = a.raisedAt;
            updatedAt = a.updatedAt;
            resolvedAt = a.resolvedAt;
            acknowledged = a.acknowledged;
            acknowledgedBy = a.acknowledgedBy;
            acknowledgedAt = a.acknowledgedAt;
            outcome = a.outcome;
            evidence = a.evidence;
            issued = a.issued;
        }

        /** Identity: the stable id and the short code recipients send back. */
        public Builder id(String id, String code) {
            this.id = id;
            this.code = code;
            return this;
        }

        /** The rule (or {@link #ISSUED_RULE}) and its type. */
        public Builder rule(String rule, String ruleType) {
            this.rule = rule;
            this.ruleType = ruleType;
            return this;
        }

        public Builder hazard(Hazard value) {
            hazard = value;
            return this;
        }

        /** The alert zone, its display name and GeoJSON geometry (may be null). */
        public Builder zone(String id, String name, JsonNode geometry) {
            zone = id;
            zoneName = name;
            this.geometry = geometry;
            return this;
        }

        public Builder state(AlertState value) {
            state = value;
            return this;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder urgency(Urgency value) {
            urgency = value;
            return this;
        }

        public Builder certainty(Certainty value) {
            certainty = value;
            return this;
        }

        public Builder level(String value) {
            level = value;
            return this;
        }

        public Builder headline(Map<String, String> value) {
            headline = value;
            return this;
        }

        public Builder instruction(Map<String, String> value) {
            instruction = value;
            return this;
        }

        public Builder raisedAt(Instant value) {
            raisedAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder resolvedAt(Instant value) {
            resolvedAt = value;
            return this;
        }

        /** Acknowledged by {@code by} at {@code at}. */
        public Builder acknowledged(String by, Instant at) {
            acknowledged = true;
            acknowledgedBy = by;
            acknowledgedAt = at;
            return this;
        }

        /** The acknowledgement of {@code other} (none when it was not acknowledged). */
        public Builder acknowledgementOf(Alert other) {
            acknowledged = other.acknowledged;
            acknowledgedBy = other.acknowledgedBy;
            acknowledgedAt = other.acknowledgedAt;
            return this;
        }

        public Builder outcome(String value) {
            outcome = value;
            return this;
        }

        public Builder evidence(List<Evidence> value) {
            evidence = value;
            return this;
        }

        public Builder issued(Issued value) {
            issued = value;
            return this;
        }

        public Alert build() {
            return new Alert(id, code, rule, ruleType, hazard, zone, zoneName, geometry, state, severity, urgency, certainty, level,
                    headline, instruction, raisedAt, updatedAt, resolvedAt, acknowledged, acknowledgedBy, acknowledgedAt, outcome,
                    evidence, issued);
        }
    }
}
