package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Rain fallen at a station over {@code periodMinutes} ending at {@code observedAt}, in millimetres. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RainReading(
        String id, Source source, Instant observedAt, Instant receivedAt, String reporterId, boolean verified,
        String stationId, double mm, int periodMinutes) implements Observation {

    public RainReading {
        Observation.requireCommon(id, source, observedAt, receivedAt);
        Observation.require(stationId != null && !stationId.isBlank(), "stationId is missing");
        Observation.requireInRange(mm >= 0 && mm <= 500, "mm", mm, "0..500");
        Observation.requireInRange(periodMinutes > 0 && periodMinutes <= 10_080, "periodMinutes", periodMinutes, "1..10080");
    }

    @Override
    public String subject() {
        return stationId;
    }
}
