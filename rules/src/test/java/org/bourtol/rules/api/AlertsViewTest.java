package org.bourtol.rules.api;

import org.bourtol.contracts.alert.AlertState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.api.Test;

class AlertsViewTest {

    private static final Instant T0 = Instant.parse("2024-09-01T06:00:00Z");

    @Test
    void metricsCountAlertsPerStateAndTheUnacknowledgedOnes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AlertsView view = new AlertsView(registry, () -> true);
        view.apply("a1", event("a1", AlertEventType.RAISED, 1, AlertState.ACTIVE, false));
        view.apply("a2", event("a2", AlertEventType.RAISED, 1, AlertState.ACTIVE, false));
        view.apply("a3", event("a3", AlertEventType.RAISED, 1, AlertState.ACTIVE, false));
        view.apply("a2", event("a2", AlertEventType.ACKNOWLEDGED, 2, AlertState.ACTIVE, true));
        view.apply("a3", event("a3", AlertEventType.RESOLVED, 2, AlertState.RESOLVED, false));

        assertEquals(2, registry.get("bourtol.alerts.current").tag("state", "active").gauge().value());
        assertEquals(1, registry.get("bourtol.alerts.current").tag("state", "resolved").gauge().value());
        assertEquals(1, registry.get("bourtol.alerts.unacknowledged").gauge().value());
        assertEquals(3, registry.get("bourtol.alerts").tag("type", "RAISED").counter().count());
        assertEquals(List.of("a1", "a2"), view.query(AlertState.ACTIVE, null, null).stream().map(Alert::id).sorted().toList());
    }

    private static AlertEvent event(String id, AlertEventType type, int seq, AlertState state, boolean acked) {
        Alert.Builder b = Alert.builder().id(id, id.toUpperCase()).rule("niamey-levels", "gauge-level").hazard(Hazard.FLOOD)
                .zone("niamey", "Niamey", null).state(state).severity(Severity.Severe).urgency(Urgency.Immediate)
                .certainty(Certainty.Observed).level("alert").headline(Map.of("fr", "Niger a Niamey: 600 cm", "en", "Niger at Niamey: 600 cm"))
                .raisedAt(T0).updatedAt(T0.plusSeconds(seq)).resolvedAt(state == AlertState.RESOLVED ? T0.plusSeconds(seq) : null)
                .evidence(List.of(new Evidence("obs-" + id, "gauge", T0, "600 cm", null)));
        Alert a = (acked ? b.acknowledged("r-test", T0.plusSeconds(seq)) : b).build();
        return new AlertEvent(id + "/" + type + "/" + seq, id, type, seq, T0, a, null);
    }
}
