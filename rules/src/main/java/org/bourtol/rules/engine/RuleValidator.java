package org.bourtol.rules.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;

/** Checks a rule document before it is stored: known type, existing zones of the right kind, seasons, severity mapping, parameters. */
public final class RuleValidator {

    private final Map<String, Family<?, ?>> families;

    public RuleValidator(Map<String, Family<?, ?>> families) {
        this.families = families;
    }

    public List<String> validate(RuleDocument doc, Function<String, Optional<Zone>> zones) {
        List<String> problems = new ArrayList<>();
        Family<?, ?> family = families.get(doc.type());
        if (family == null) {
            problems.add("unknown rule type '" + doc.type() + "' (known: " + String.join(", ", families.keySet().stream().sorted().toList()) + ")");
            return problems;
        }
        for (String id : doc.zones()) {
            Optional<Zone> z = zones.apply(id);
            if (z.isEmpty()) {
                problems.add("zone '" + id + "' does not exist");
            } else if (!family.zoneKinds().isEmpty() && !family.zoneKinds().contains(z.get().kind().wire())) {
                problems.add("zone '" + id + "' is a " + z.get().kind().wire() + "; a " + doc.type() + " rule applies to "
                        + String.join(" or ", family.zoneKinds()) + " zones");
            }
        }
        for (RuleDocument.Season s : doc.seasons()) {
            if (!Seasons.valid(s.from()) || !Seasons.valid(s.to())) {
                problems.add("season " + s.from() + " to " + s.to() + " is not a valid pair of \"MM-DD\" dates");
            }
        }
        if (doc.severity() != null && !doc.severity().isNull()) {
            if (!doc.severity().isObject()) {
                problems.add("severity must map levels to Minor, Moderate, Severe or Extreme");
            } else {
                Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = doc.severity().fields();
                while (it.hasNext()) {
                    Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
                    try {
                        Severity.valueOf(e.getValue().asText());
                    } catch (IllegalArgumentException ex) {
                        problems.add("severity for '" + e.getKey() + "' must be Minor, Moderate, Severe or Extreme, got " + e.getValue());
                    }
                }
            }
        }
        try {
            family.parse(doc);
        } catch (RuleProblems e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problems.add(String.valueOf(e.getMessage()));
        }
        return problems;
    }
}
