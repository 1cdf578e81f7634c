package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A river level reading at a gauge station, in centimetres on the station's staff gauge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GaugeReading(
        String id, Source source, Instant observedAt, Instant receivedAt, String reporterId, boolean verified,
        String stationId, int levelCm) implements Observation {

    public GaugeReading {
        Observation.requireCommon(id, source, observedAt, receivedAt);
        Observation.require(stationId != null && !stationId.isBlank(), "stationId is missing");
        Observation.requireInRange(levelCm >= -500 && levelCm <= 2000, "levelCm", levelCm, "-500..2000");
    }

    @Override
    public String subject() {
        return stationId;
    }
}
