package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A focal point's report of an incident ({@code ALERTE CONFLIT konna ...}). The place is resolved to
 * a zone when possible; {@code lat}/{@code lon} are the given coordinates or the zone's centroid.
 * {@code text} is the free text, never a phone number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommunityReport(
        String id, Source source, Instant observedAt, Instant receivedAt, String reporterId, boolean verified,
        ReportType type, String zoneId, Double lat, Double lon, String text) implements Observation {

    public CommunityReport {
        Observation.requireCommon(id, source, observedAt, receivedAt);
        Observation.require(type != null, "type is missing");
        Observation.require(zoneId != null || (lat != null && lon != null), "place is missing (zone or lat/lon)");
        if (lat != null || lon != null) {
            Observation.requireLatLon(lat, lon);
        }
        Observation.require(text == null || text.length() <= 1600, "text is longer than 1600 characters");
    }

    @Override
    public String subject() {
        return zoneId != null ? zoneId : String.format(java.util.Locale.ROOT, "%.2f,%.2f", lat, lon);
    }
}
