package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;

/**
 * Checks a rule document before it is stored: known type, existing zones of the right kind, seasons, a
 * severity mapping that names only the family's levels and CAP severities, parameters (no unknown ones)
 * and the zones named in parameters.
 */
public final class RuleValidator {

    private static final String CAP = "Minor, Moderate, Severe or Extreme";

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
        severity(doc, family, problems);
        problems.addAll(parseAndCheckZones(family, doc, zones));
        return problems;
    }

    /** Every zone {@code doc} refers to (for the zone API's delete check); its {@code zones} for an unknown type. */
    public List<String> zonesUsed(RuleDocument doc) {
        Family<?, ?> family = families.get(doc.type());
        return family == null ? doc.zones() : family.zonesUsed(doc);
    }

    private static void severity(RuleDocument doc, Family<?, ?> family, List<String> problems) {
        if (doc.severity() == null || doc.severity().isNull()) {
            return;
        }
        List<String> keys = family.severityKeys();
        if (!doc.severity().isObject()) {
            problems.add("severity must map the levels of a " + doc.type() + " rule (" + String.join(", ", keys) + ") to " + CAP);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = doc.severity().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!keys.contains(e.getKey())) {
                problems.add("severity names level '" + e.getKey() + "', which a " + doc.type() + " rule does not have (levels: "
                        + String.join(", ", keys) + ")");
            }
            if (!e.getValue().isTextual() || Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(e.getValue().asText()))) {
                problems.add("severity for '" + e.getKey() + "' must be " + CAP + ", got " + e.getValue());
            }
        }
    }

    private static <P> List<String> parseAndCheckZones(Family<P, ?> family, RuleDocument doc, Function<String, Optional<Zone>> zones) {
        try {
            return family.checkZones(family.parse(doc), doc, zones);
        } catch (RuleProblems e) {
            return e.problems();
        } catch (RuntimeException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }
}
