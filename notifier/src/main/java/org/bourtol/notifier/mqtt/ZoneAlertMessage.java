package org.bourtol.notifier.mqtt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.topic.Json;

/**
 * The retained JSON on {@code bourtol/v1/alerts/{zoneId}}: the zone's highest active severity and its
 * active alerts (id, hazard, severity, level, headline by language, times, acknowledged).
 * No acknowledgement code (anyone may subscribe), no evidence, no reporter ids, no phone numbers. Pure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZoneAlertMessage(String zone, String zoneName, Severity severity, Instant updatedAt, List<Item> alerts) {

    /** One active alert in the zone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String hazard, Severity severity, String level, Map<String, String> headline,
            Instant raisedAt, Instant updatedAt, boolean acknowledged) {
    }

    /**
     * The message for a zone, or empty when it has no active alert (then the retained message is
     * cleared). An officer-issued warning counts in each of its zones; a test warning in none (a siren
     * must not sound for a test).
     */
    public static Optional<ZoneAlertMessage> of(String zone, Collection<AlertEvent> all) {
        List<Alert> active = all.stream().map(AlertEvent::alert).filter(a -> a.active() && !a.test() && a.zones().contains(zone))
                .sorted(Comparator.comparing(Alert::severity).reversed().thenComparing(Alert::id)).toList();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        List<Item> items = active.stream().map(a -> new Item(a.id(), a.hazard().wire(), a.severity(), a.level(), a.headline(),
                a.raisedAt(), a.updatedAt(), a.acknowledged())).toList();
        Instant updated = active.stream().map(a -> a.updatedAt() == null ? a.raisedAt() : a.updatedAt())
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return Optional.of(new ZoneAlertMessage(zone, active.get(0).zoneName(), active.get(0).severity(), updated, items));
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
