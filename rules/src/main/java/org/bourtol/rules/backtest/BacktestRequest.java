package org.bourtol.rules.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.engine.RuleValidator;
import org.bourtol.rules.zones.ZoneValidator;

/**
 * A candidate rule set (and optionally candidate zones) and the period to replay. Rules are documents
 * as {@code GET /api/v1/rules} returns them; rules not given keep their current version.
 *
 * @param from inclusive, event time
 * @param to   exclusive, event time
 */
public record BacktestRequest(List<RuleDocument> rules, List<Zone> zones, Instant from, Instant to) {

    /** The request is refused; {@code problems} name the field, with the validator's own words for rules and zones. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        public Invalid(String message, List<String> problems) {
            super(message + ": " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Parses and validates {@code {"rules": [...], "zones": [...], "from": ..., "to": ...}} (dates as
     * {@code YYYY-MM-DD}, UTC, or instants; {@code to} as a date includes that day). Each rule is checked by the
     * same validator as a save, against the current zones with the candidate zones applied.
     *
     * @throws Invalid listing every problem
     */
    public static BacktestRequest parse(JsonNode body, RuleValidator validator, Map<String, Zone> currentZones) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid("backtest refused", List.of("the request must be a JSON object with rules, from and to"));
        }
        List<Zone> zones = new ArrayList<>();
        JsonNode zs = body.path("zones");
        if (!zs.isMissingNode() && !zs.isNull()) {
            if (!zs.isArray()) {
                problems.add("zones: must be an array of zones");
            } else {
                for (int i = 0; i < zs.size(); i++) {
                    try {
                        zones.add(Json.MAPPER.treeToValue(zs.get(i), Zone.class));
                    } catch (Exception e) {
                        problems.add("zones[" + i + "]: " + rootMessage(e));
                    }
                }
            }
        }
        Map<String, Zone> allZones = new HashMap<>(currentZones);
        zones.forEach(z -> allZones.put(z.id(), z));
        for (Zone z : zones) {
            ZoneValidator.validate(z, id -> Optional.ofNullable(allZones.get(id))).forEach(p -> problems.add("zone " + z.id() + ": " + p));
        }
        List<RuleDocument> rules = new ArrayList<>();
        JsonNode rs = body.path("rules");
        if (!rs.isArray() || rs.isEmpty()) {
            problems.add("rules: must be a non-empty array of rule documents as GET /api/v1/rules returns them");
        } else {
            for (int i = 0; i < rs.size(); i++) {
                RuleDocument doc;
                try {
                    doc = Json.MAPPER.treeToValue(rs.get(i), RuleDocument.class);
                } catch (Exception e) {
                    problems.add("rules[" + i + "]: " + rootMessage(e));
                    continue;
                }
                for (String p : validator.validate(doc, id -> Optional.ofNullable(allZones.get(id)))) {
                    problems.add("rule " + doc.id() + ": " + p);
                }
                rules.add(doc);
            }
        }
        Instant from = instant(body.path("from"), "from", false, problems);
        Instant to = instant(body.path("to"), "to", true, problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add("to: must be after from");
        }
        if (!problems.isEmpty()) {
            throw new Invalid("backtest refused", problems);
        }
        return new BacktestRequest(List.copyOf(rules), List.copyOf(zones), from, to);
    }

    /** A date (UTC; the end date is included) or an ISO instant. */
    public static Instant instant(JsonNode n, String field, boolean end, List<String> problems) {
        if (n == null || n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
            problems.add(field + ": missing (a date YYYY-MM-DD or an instant)");
            return null;
        }
        String s = n.asText().trim();
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            problems.add(field + ": '" + s + "' is neither a date YYYY-MM-DD nor an instant like 2025-08-01T00:00:00Z");
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
