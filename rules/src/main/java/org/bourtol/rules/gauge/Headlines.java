package org.bourtol.rules.gauge;

import java.util.Map;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.engine.Verdict;

/** Flood headlines: the words come from the headline catalogue ({@link org.bourtol.rules.engine.Headlines}). */
final class Headlines {

    private Headlines() {
    }

    static String river(Zone zone) {
        return zone != null && zone.properties().hasNonNull("river") ? zone.properties().get("river").asText() : "Fleuve";
    }

    static Map<String, String> gauge(Zone zone, String zoneName, Verdict.Fire fire) {
        String level = switch (fire.level()) {
            case "warning", "alert" -> fire.level();
            default -> "emergency";
        };
        Map<String, Object> vars = Map.of("river", river(zone), "place", Gsm7.transliterate(zoneName),
                "measure", fire.measure(), "threshold", fire.threshold());
        return org.bourtol.rules.engine.Headlines.of("gauge", lang -> with(vars, "colour", org.bourtol.rules.engine.Headlines.word(lang, "level." + level)));
    }

    private static Map<String, Object> with(Map<String, Object> vars, String key, Object value) {
        Map<String, Object> out = new java.util.HashMap<>(vars);
        out.put(key, value);
        return out;
    }
}
