package org.bourtol.launcher.report;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;

/** Which region a zone lies in: its own id when it is a region, else its parent chain's region, else {@code unknown}. */
final class Regions {

    private final Map<String, Zone> zones;

    Regions(Map<String, Zone> zones) {
        this.zones = zones;
    }

    String regionOf(String zoneId) {
        Set<String> seen = new HashSet<>();
        String id = zoneId;
        while (id != null && seen.add(id)) {
            Zone z = zones.get(id);
            if (z == null) {
                return MonthlyReport.UNKNOWN;
            }
            if (z.kind() == ZoneKind.REGION) {
                return z.id();
            }
            id = z.parent();
        }
        return MonthlyReport.UNKNOWN;
    }

    /** A region given as {@code mopti} or {@code region-mopti}: the region zone's id, or the value as given. */
    String normalise(String region) {
        String r = region.trim().toLowerCase(java.util.Locale.ROOT);
        Zone z = zones.get(r);
        if (z != null && z.kind() == ZoneKind.REGION) {
            return r;
        }
        return zones.containsKey("region-" + r) ? "region-" + r : r;
    }

    String name(String regionId) {
        Zone z = zones.get(regionId);
        return z == null ? null : z.name();
    }
}
