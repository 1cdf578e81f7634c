package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;

/** A rule document with its parameters parsed by its family. */
public record CompiledRule<P>(RuleDocument doc, P params) {

    public String id() {
        return doc.id();
    }

    /** The severity the rule's mapping gives {@code level}, else {@code fallback}. */
    public Severity severity(String level, Severity fallback) {
        JsonNode map = doc.severity();
        if (map != null && map.hasNonNull(level)) {
            return Severity.valueOf(map.get(level).asText());
        }
        return fallback;
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
