package org.bourtol.notifier.escalation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Json;

/**
 * Repeat and escalation policy per hazard and severity, as data: the built-in
 * {@code org/bourtol/notifier/escalation/policy.json}, or the operator's file
 * ({@code notifier.escalationPolicyFile}), which replaces it whole. For an alert, the rule of its
 * hazard with the highest {@code minSeverity} not above the alert's severity applies. Both are
 * checked the same way ({@link #problems}): unknown fields, hazards, severities, scopes and bad
 * durations are errors that name the place in the file ({@code rules[1].steps[0].after}).
 */
@JsonIgnoreProperties({"_comment"})
public record EscalationPolicy(List<Rule> rules) {

    /** Steps may target these administrative levels. */
    static final Set<ZoneKind> SCOPES = Set.of(ZoneKind.COMMUNE, ZoneKind.CERCLE, ZoneKind.REGION);

    /** Repeats and escalation steps for alerts of a hazard from a severity up. */
    @JsonIgnoreProperties({"_comment"})
    public record Rule(Hazard hazard, Severity minSeverity, int maxRepeats, List<Step> steps) {
        public Rule {
            if (hazard == null || minSeverity == null) {
                throw new IllegalArgumentException("escalation rule needs hazard and minSeverity");
            }
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** Warn recipients of {@code role} covering the alert zone's {@code scope} when {@code after} passed unacknowledged. */
    @JsonIgnoreProperties({"_comment"})
    public record Step(Duration after, String role, ZoneKind scope) {
        public Step {
            if (after == null || after.isNegative() || role == null || role.isBlank() || scope == null) {
                throw new IllegalArgumentException("escalation step needs after (ISO-8601 duration such as PT30M), role and scope");
            }
        }
    }

    public EscalationPolicy {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static final Rule NONE = new Rule(Hazard.CONFLICT, Severity.Minor, 0, List.of());

    private static final List<String> TOP_FIELDS = List.of("rules");
    private static final List<String> RULE_FIELDS = List.of("hazard", "minSeverity", "maxRepeats", "steps");
    private static final List<String> STEP_FIELDS = List.of("after", "role", "scope");

    public Rule ruleFor(Hazard hazard, Severity severity) {
        Optional<Rule> r = rules.stream().filter(x -> x.hazard() == hazard && severity.atLeast(x.minSeverity()))
                .max(Comparator.comparing(Rule::minSeverity));
        return r.orElse(NONE);
    }

    /** What is wrong with a parsed policy beyond its JSON shape (empty when it is usable). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "] (" + r.hazard().wire() + " " + r.minSeverity() + ")";
            if (!seen.add(r.hazard() + "/" + r.minSeverity())) {
                out.add(at + ": another rule has the same hazard and minSeverity");
            }
            if (r.maxRepeats() < 0 || r.maxRepeats() > 100) {
                out.add(at + ".maxRepeats: " + r.maxRepeats() + " is out of range (0..100)");
            }
            for (int k = 0; k < r.steps().size(); k++) {
                Step s = r.steps().get(k);
                if (!SCOPES.contains(s.scope())) {
                    out.add(at + ".steps[" + k + "].scope: expected commune, cercle or region, got " + s.scope());
                }
                if (k > 0 && s.after().compareTo(r.steps().get(k - 1).after()) < 0) {
                    out.add(at + ".steps[" + k + "].after: " + s.after() + " comes before the previous step's " + r.steps().get(k - 1).after()
                            + " (list steps in time order)");
                }
            }
        }
        return out;
    }

    /** Parses and checks a policy; {@code source} names it in the problems. */
    public static EscalationPolicy parse(String source, InputStream json) {
        String prefix = "escalation policy " + source + ": ";
        EscalationPolicy p;
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode() || !tree.isObject()) {
                throw new ConfigException(List.of(prefix + "expected a JSON object {\"rules\": [...]}"));
            }
            List<String> unknown = new ArrayList<>();
            unknownFields("", tree, TOP_FIELDS, unknown);
            JsonNode rules = tree.path("rules");
            for (int i = 0; i < rules.size(); i++) {
                unknownFields("rules[" + i + "]", rules.get(i), RULE_FIELDS, unknown);
                JsonNode steps = rules.get(i).path("steps");
                for (int k = 0; k < steps.size(); k++) {
                    unknownFields("rules[" + i + "].steps[" + k + "]", steps.get(k), STEP_FIELDS, unknown);
                }
            }
            if (!unknown.isEmpty()) {
                throw new ConfigException(unknown.stream().map(prefix::concat).toList());
            }
            p = Json.MAPPER.treeToValue(tree, EscalationPolicy.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(prefix + describe(e)));
        } catch (IOException e) {
            throw new ConfigException(List.of(prefix + "cannot read: " + e.getMessage()));
        }
        List<String> problems = p.problems().stream().map(prefix::concat).toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return p;
    }

    private static void unknownFields(String at, JsonNode node, List<String> known, List<String> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f) && !f.equals("_comment")) {
                out.add((at.isEmpty() ? "" : at + ": ") + "unknown field '" + f + "' (known: " + String.join(", ", known) + ")");
            }
        });
    }

    public static EscalationPolicy parse(InputStream json) {
        return parse("(stream)", json);
    }

    /** The operator's policy file, which replaces the built-in policy. @throws ConfigException with every problem */
    public static EscalationPolicy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new ConfigException(List.of("escalation policy " + file + ": cannot read: " + e.getMessage()));
        }
    }

    /** The built-in policy. */
    public static EscalationPolicy defaults() {
        try (InputStream in = EscalationPolicy.class.getResourceAsStream("policy.json")) {
            return parse("(built-in policy.json)", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's path (rules[1].steps[0].after), line and what is wrong, from Jackson's error. */
    private static String describe(JsonProcessingException e) {
        StringBuilder where = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    where.append(where.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    where.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root != e && root.getMessage() != null ? root.getMessage() : e.getOriginalMessage();
        String line = e.getLocation() != null && e.getLocation().getLineNr() > 0 && where.length() == 0
                ? "line " + e.getLocation().getLineNr() + ": " : "";
        if (where.toString().endsWith(".after")) {
            what += " (expected an ISO-8601 duration such as PT30M or PT1H)";
        }
        return line + (where.length() > 0 ? where + ": " : "") + what;
    }
}
