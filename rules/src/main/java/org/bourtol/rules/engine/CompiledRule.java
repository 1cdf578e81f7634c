package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;

/**
 * A rule document with its parameters parsed by its family; the version its head states are computed under
 * ({@link #stateVersion()}) and its severity mapping as severities ({@link #mapping()}) are computed once here, not for
 * every reading.
 */
public record CompiledRule<P>(RuleDocument doc, P params, String stateVersion, Map<String, Severity> mapping) {

    public CompiledRule(RuleDocument doc, P params) {
        this(doc, params, versionOf(doc), mappingOf(doc.severity()));
    }

    /** The rule's own severity mapping: the entries whose value is a CAP severity (others count as absent). */
    private static Map<String, Severity> mappingOf(JsonNode map) {
        Map<String, Severity> out = new HashMap<>();
        if (map != null && map.isObject()) {
            map.fields().forEachRemaining(e -> {
                try {
                    out.put(e.getKey(), Severity.valueOf(e.getValue().asText()));
                } catch (IllegalArgumentException notASeverity) {
                    // refused by validation, so only in a rule stored before: absent
                }
            });
        }
        return Map.copyOf(out);
    }

    /** Identifies the rule version a head state was computed under (a change replays the window). */
    private static String versionOf(RuleDocument doc) {
        return doc.version() + ":" + Objects.hash(doc.params(), doc.seasons(), doc.zones(), doc.severity(), doc.enabled());
    }

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
        return key == null ? null : mapping.get(key);
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
