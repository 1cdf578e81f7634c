package org.bourtol.rules.api;

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
        view.apply("a1", event("a1", AlertEventType.RAISED, 1, Alert.ACTIVE, false));
        view.apply("a2", event("a2", AlertEventType.RAISED, 1, Alert.ACTIVE, false));
        view.apply("a3", event("a3", AlertEventType.RAISED, 1, Alert.ACTIVE, false));
        view.apply("a2", event("a2", AlertEventType.ACKNOWLEDGED, 2, Alert.ACTIVE, true));
        view.apply("a3", event("a3", AlertEventType.RESOLVED, 2, Alert.RESOLVED, false));

        assertEquals(2, registry.get("bourtol.alerts.current").tag("state", Alert.ACTIVE).gauge().value());
        assertEquals(1, registry.get("bourtol.alerts.current").tag("state", Alert.RESOLVED).gauge().value());
        assertEquals(1, registry.get("bourtol.alerts.unacknowledged").gauge().value());
        assertEquals(3, registry.get("bourtol.alerts").tag("type", "RAISED").counter().count());
        assertEquals(List.of("a1", "a2"), view.query(Alert.ACTIVE, null, null).stream().map(Alert::id).sorted().toList());
    }

    private static AlertEvent event(String id, AlertEventType type, int seq, String state, boolean acked) {
        Alert a = new Alert(id, id.toUpperCase(), "niamey-levels", "gauge-level", Hazard.FLOOD, "niamey", "Niamey", null, state,
                Severity.Severe, Urgency.Immediate, Certainty.Observed, "alert",
                Map.of("fr", "Niger a Niamey: 600 cm", "en", "Niger at Niamey: 600 cm"), Map.of(), T0, T0.plusSeconds(seq),
                Alert.RESOLVED.equals(state) ? T0.plusSeconds(seq) : null, acked, acked ? "r-test" : null,
                acked ? T0.plusSeconds(seq) : null, null, List.of(new Evidence("obs-" + id, "gauge", T0, "600 cm", null)));
        return new AlertEvent(id + "/" + type + "/" + seq, id, type, seq, T0, a, null);
    }
}
