package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A focal point's report of an incident ({@code ALERTE CONFLIT konna ...}). The place is resolved to
 * a zone when possible; {@code lat}/{@code lon} are the given coordinates or the zone's centroid.
 * {@code text} is the free text, never a phone number.
 *
 * <p>{@code freeText} is true when the type was guessed from words in plain language ("bagarre a Konna,
 * 2 blesses") rather than given with the keyword; {@code confidence} (0..1, null for a keyword report)
 * says how sure that guess is and {@code matchedWords} which words led to it. A free-text report
 * counts like an unverified one unless {@code verified} says the sender is a verified reporter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommunityReport(
        String id, Source source, Instant observedAt, Instant receivedAt, String reporterId, boolean verified,
        ReportType type, String zoneId, Double lat, Double lon, String text, boolean freeText, Double confidence,
        List<String> matchedWords) implements Observation {

    /** A report given with the keyword ({@code ALERTE <type> <place>}): not free text. */
    public CommunityReport(String id, Source source, Instant observedAt, Instant receivedAt, String reporterId, boolean verified,
                           ReportType type, String zoneId, Double lat, Double lon, String text) {
        this(id, source, observedAt, receivedAt, reporterId, verified, type, zoneId, lat, lon, text, false, null, null);
    }

    public CommunityReport {
        Observation.requireCommon(id, source, observedAt, receivedAt);
        Observation.require(type != null, "type is missing");
        Observation.require(zoneId != null || (lat != null && lon != null), "place is missing (zone or lat/lon)");
        if (lat != null || lon != null) {
            Observation.requireLatLon(lat, lon);
        }
        Observation.require(text == null || text.length() <= 1600, "text is longer than 1600 characters");
        Observation.require(confidence == null || (confidence >= 0 && confidence <= 1), "confidence is outside 0..1");
        matchedWords = matchedWords == null || matchedWords.isEmpty() ? null : List.copyOf(matchedWords);
    }

    @Override
    public String subject() {
        return zoneId != null ? zoneId : String.format(java.util.Locale.ROOT, "%.2f,%.2f", lat, lon);
    }
}
