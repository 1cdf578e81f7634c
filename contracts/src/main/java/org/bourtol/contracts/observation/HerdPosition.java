package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A herd seen at a position: a GPS collar fix (MQTT, LoRaWAN) or a focal point's sighting (SMS
 * {@code TROUPEAU}), in which case {@code zoneId} names the place and {@code toZoneId} the
 * announced destination. Optional device fields are null when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HerdPosition(
        String id, Source source, Instant observedAt, Instant receivedAt, String reporterId, boolean verified,
        String herdId, double lat, double lon, int headCount, Species species,
        Double headingDeg, Double speedKmh, Double batteryPct, String zoneId, String toZoneId)
        implements Observation {

    public HerdPosition {
        Observation.requireCommon(id, source, observedAt, receivedAt);
        Observation.require(herdId != null && !herdId.isBlank(), "herdId is missing");
        Observation.requireLatLon(lat, lon);
        Observation.requireInRange(headCount > 0 && headCount <= 100_000, "headCount", headCount, "1..100000");
        Observation.require(species != null, "species is missing");
        Observation.requireInRange(headingDeg == null || (headingDeg >= 0 && headingDeg < 360), "headingDeg", headingDeg, "0..360");
        Observation.requireInRange(speedKmh == null || (speedKmh >= 0 && speedKmh <= 200), "speedKmh", speedKmh, "0..200");
        Observation.requireInRange(batteryPct == null || (batteryPct >= 0 && batteryPct <= 100), "batteryPct", batteryPct, "0..100");
    }

    @Override
    public String subject() {
        return herdId;
    }
}
