package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One understood input, as published on {@code bourtol.observations.v1}.
 *
 * <p>{@link #id()} is deterministic for a given source message (MQTT topic + payload hash, SMS
 * {@code MessageSid}, HTTP item id), so a redelivered input produces the same id and consumers can
 * deduplicate. {@link #reporterId()} is a pseudonym (keyed HMAC of the phone number), never a number;
 * it is null for devices. {@link #observedAt()} is the event time used by the rules.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HerdPosition.class, name = "herd"),
    @JsonSubTypes.Type(value = GaugeReading.class, name = "gauge"),
    @JsonSubTypes.Type(value = RainReading.class, name = "rain"),
    @JsonSubTypes.Type(value = CommunityReport.class, name = "report")
})
public sealed interface Observation permits HerdPosition, GaugeReading, RainReading, CommunityReport {

    String id();

    Source source();

    Instant observedAt();

    Instant receivedAt();

    /** Pseudonymous reporter id, or null for a device. */
    String reporterId();

    /** True when the sender is a verified reporter or an authenticated device/API client. */
    boolean verified();

    /** The Kafka key: the station, herd or zone this observation is about. */
    String subject();

    static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    static void requireCommon(String id, Source source, Instant observedAt, Instant receivedAt) {
        require(id != null && !id.isBlank(), "id is missing");
        require(source != null, "source is missing");
        require(observedAt != null, "observedAt is missing");
        require(receivedAt != null, "receivedAt is missing");
    }

    /** As {@link #require}, the problem "{@code field value} is out of range ({@code range})" written only when it is one. */
    static void requireInRange(boolean inRange, String field, Object value, String range) {
        if (!inRange) {
            throw new IllegalArgumentException(field + " " + value + " is out of range (" + range + ")");
        }
    }

    static void requireLatLon(Double lat, Double lon) {
        require(lat != null && lon != null, "lat and lon are required");
        requireInRange(lat >= -90 && lat <= 90, "lat", lat, "-90..90");
        requireInRange(lon >= -180 && lon <= 180, "lon", lon, "-180..180");
    }
}
