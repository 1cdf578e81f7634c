package org.bourtol.rules.gauge;

import java.util.Map;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.engine.Verdict;

/** Flood headlines in French and English, unaccented so they stay GSM-7 in SMS. */
final class Headlines {

    private Headlines() {
    }

    static String river(Zone zone) {
        return zone != null && zone.properties().hasNonNull("river") ? zone.properties().get("river").asText() : "Fleuve";
    }

    static Map<String, String> gauge(Zone zone, String zoneName, Verdict.Fire fire) {
        String fr = switch (fire.level()) {
            case "warning" -> "jaune";
            case "alert" -> "orange";
            default -> "rouge";
        };
        String en = switch (fire.level()) {
            case "warning" -> "yellow";
            case "alert" -> "orange";
            default -> "red";
        };
        String river = river(zone);
        String name = Gsm7.transliterate(zoneName);
        return Map.of(
                "fr", river + " a " + name + ": " + fire.measure() + ", seuil " + fr + " " + fire.threshold() + " depasse",
                "en", river + " at " + name + ": " + fire.measure() + ", " + en + " level " + fire.threshold() + " exceeded");
    }
}
