package org.bourtol.notifier.escalation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Json;

/**
 * Repeat and escalation policy per hazard and severity, as data (default:
 * {@code org/bourtol/notifier/escalation/policy.json}). For an alert, the rule of its hazard with the
 * highest {@code minSeverity} not above the alert's severity applies.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EscalationPolicy(List<Rule> rules) {

    /** Repeats and escalation steps for alerts of a hazard from a severity up. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(Hazard hazard, Severity minSeverity, int maxRepeats, List<Step> steps) {
        public Rule {
            if (hazard == null || minSeverity == null) {
                throw new IllegalArgumentException("escalation rule needs hazard and minSeverity");
            }
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** Warn recipients of {@code role} covering the alert zone's {@code scope} when {@code after} passed unacknowledged. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(Duration after, String role, ZoneKind scope) {
        public Step {
            if (after == null || after.isNegative() || role == null || scope == null) {
                throw new IllegalArgumentException("escalation step needs after (ISO-8601 duration), role and scope");
            }
        }
    }

    public EscalationPolicy {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static final Rule NONE = new Rule(Hazard.CONFLICT, Severity.Minor, 0, List.of());

    public Rule ruleFor(Hazard hazard, Severity severity) {
        Optional<Rule> r = rules.stream().filter(x -> x.hazard() == hazard && severity.atLeast(x.minSeverity()))
                .max(Comparator.comparing(Rule::minSeverity));
        return r.orElse(NONE);
    }

    public static EscalationPolicy parse(InputStream json) {
        try {
            return Json.MAPPER.readValue(json, EscalationPolicy.class);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid escalation policy: " + e.getMessage(), e);
        }
    }

    public static EscalationPolicy defaults() {
        try (InputStream in = EscalationPolicy.class.getResourceAsStream("policy.json")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
