package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;

/** A rule document with its parameters parsed by its family. */
public record CompiledRule<P>(RuleDocument doc, P params) {

    public String id() {
        return doc.id();
    }

    /**
     * The severity the rule's mapping gives {@code level}, else the family default {@code defaults} gives it
     * (Moderate for a level the family does not know). A mapping value that is not a CAP severity (refused by
     * validation, so only in a rule stored before) counts as absent.
     */
    public Severity severity(String level, Map<String, Severity> defaults) {
        Severity mapped = mapped(level);
        return mapped != null ? mapped : defaults.getOrDefault(level, Severity.Moderate);
    }

    /** The severity the rule's own mapping gives {@code key}, or null when it names none (or an invalid one). */
    public Severity mapped(String key) {
        JsonNode map = doc.severity();
        if (map != null && map.hasNonNull(key)) {
            try {
                return Severity.valueOf(map.get(key).asText());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** True when {@code at} (UTC) falls in one of the rule's seasons, or the rule has none. */
    public boolean inSeason(Instant at) {
        if (doc.seasons().isEmpty()) {
            return true;
        }
        MonthDay day = MonthDay.from(at.atZone(ZoneOffset.UTC));
        return doc.seasons().stream().anyMatch(s -> Seasons.within(day, s.from(), s.to()));
    }
}
