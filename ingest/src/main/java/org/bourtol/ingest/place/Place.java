package org.bourtol.ingest.place;

import org.bourtol.contracts.directory.ZoneKind;

/**
 * A resolved place: a zone (id, display name, representative point) or bare coordinates, in which case
 * {@code zoneId} and {@code kind} are null and {@code name} is the formatted {@code lat,lon}.
 */
public record Place(String zoneId, String name, double lat, double lon, ZoneKind kind) {

    public static Place coordinates(double lat, double lon) {
        return new Place(null, String.format(java.util.Locale.ROOT, "%.4f,%.4f", lat, lon), lat, lon, null);
    }

    public boolean isZone() {
        return zoneId != null;
    }
}
