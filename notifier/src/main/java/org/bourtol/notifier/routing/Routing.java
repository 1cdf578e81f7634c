package org.bourtol.notifier.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;

/**
 * Who should hear about an alert: zone coverage through the hierarchy (any of an issued warning's
 * zones), hazard, minimum severity and the SMS channel; a test warning reaches testers only; a
 * deactivated recipient nobody. Pure.
 */
public final class Routing {

    public static final String SMS = "sms";

    private Routing() {
    }

    public static boolean matches(Recipient r, Alert alert, ZoneHierarchy zones) {
        return r.active() && r.phone() != null && r.channels().contains(SMS) && r.hazards().contains(alert.hazard())
                && alert.severity().atLeast(r.minSeverity()) && reachable(r, alert)
                && alert.zones().stream().anyMatch(z -> coversZone(r, z, zones));
    }

    /** False only for a non-tester and a test warning: test warnings go to testers alone. */
    public static boolean reachable(Recipient r, Alert alert) {
        return !alert.test() || r.tester();
    }

    public static boolean coversZone(Recipient r, String zoneId, ZoneHierarchy zones) {
        return r.zones().stream().anyMatch(z -> zones.covers(z, zoneId));
    }

    /** Recipients of an alert, by id. */
    public static List<Recipient> route(Alert alert, Collection<Recipient> recipients, ZoneHierarchy zones) {
        return recipients.stream().filter(r -> matches(r, alert, zones)).sorted(Comparator.comparing(Recipient::id)).toList();
    }

    /**
     * Escalation targets: recipients with the role who follow the hazard and are subscribed to the
     * scope zone itself (e.g. the cercle) or to a zone inside it that covers the alert zone (e.g. the
     * commune's mayor). A region-level subscriber is not a target of a cercle-level step: each step
     * reaches its own level. Minimum severity does not apply.
     */
    public static List<Recipient> byRole(String role, String scopeZone, String alertZone, Hazard hazard,
                                         Collection<Recipient> recipients, ZoneHierarchy zones) {
        return recipients.stream()
                .filter(r -> r.active() && role.equals(r.role()) && r.phone() != null && r.channels().contains(SMS) && r.hazards().contains(hazard)
                        && r.zones().stream().anyMatch(s -> s.equals(scopeZone) || (zones.covers(scopeZone, s) && zones.covers(s, alertZone))))
                .sorted(Comparator.comparing(Recipient::id)).toList();
    }
}
