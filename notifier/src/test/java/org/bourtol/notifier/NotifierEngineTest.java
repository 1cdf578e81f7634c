package org.bourtol.notifier;

import org.bourtol.contracts.alert.AlertState;
import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.api.Test;

/**
 * The interleaving of issue 16 item 4: the engine plans an escalation from an active alert, the alert
 * resolves while the SMS is out, then the ESCALATED record is published. Neither the record nor any
 * reader of the alerts topic may show the alert active again, also after a restart (a fresh fold).
 */
class NotifierEngineTest {

    @Test
    void anEscalationSentWhileTheAlertResolvedDoesNotReviveIt() {
        Alert planned = alert("a1", "K7P", Hazard.CONFLICT, "konna", Severity.Severe, AlertState.ACTIVE, false);
        Alert resolved = alert("a1", "K7P", Hazard.CONFLICT, "konna", Severity.Severe, AlertState.RESOLVED, false);
        AlertStates live = new AlertStates();
        live.apply(event(planned, AlertEventType.RAISED, 1));
        live.apply(event(resolved, AlertEventType.RESOLVED, 2));

        // what the engine publishes once the escalation SMS is sent: the current state, not the planned snapshot
        Alert current = live.get("a1").map(AlertEvent::alert).orElse(planned);
        AlertEvent escalated = NotifierEngine.escalatedEvent(current, "escalation-1", "authority", T0.plusSeconds(60));
        assertEquals(AlertState.RESOLVED, escalated.alert().state());
        assertEquals(-1, escalated.seq());
        live.apply(escalated);
        assertEquals(AlertState.RESOLVED, live.get("a1").orElseThrow().alert().state());

        // even the old kind of record (the planned snapshot) changes nothing, live or after a restart
        AlertEvent stale = NotifierEngine.escalatedEvent(planned, "escalation-1", "authority", T0.plusSeconds(60));
        AlertStates restarted = new AlertStates();
        for (AlertEvent e : java.util.List.of(event(planned, AlertEventType.RAISED, 1), event(resolved, AlertEventType.RESOLVED, 2), stale)) {
            restarted.apply(e);
        }
        assertEquals(AlertState.RESOLVED, restarted.get("a1").orElseThrow().alert().state());
        assertEquals(AlertEventType.RESOLVED, restarted.get("a1").orElseThrow().type());
    }
}
