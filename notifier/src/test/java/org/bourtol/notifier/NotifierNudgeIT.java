package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.event;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change of an alert, a recipient or a zone is planned at once: with an engine tick of ten minutes, a new
 * Extreme alert's SMS still leaves within seconds (before, it waited for the end of the tick), whichever of the
 * zone, the recipient and the alert the notifier reads last.
 */
class NotifierNudgeIT {

    static Harness h;

    @BeforeAll
    static void start() throws Exception {
        h = new Harness();
        NotifierComponent.Options o = NotifierComponent.Options.defaults();
        h.start("it-nudge", new NotifierComponent.Options(o.clock(), o.retry(), o.policy(), Duration.ofMinutes(10)), null);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void aNewAlertIsSentWithoutWaitingForTheTick() throws Exception {
        h.put(Topics.ZONES, "nudge-commune", zone("nudge-commune", ZoneKind.COMMUNE, "Commune Nudge", null));
        h.put(Topics.RECIPIENTS, "nudge-a", recipient("nudge-a", null, "+22370000901", "fr", List.of("nudge-commune"), null, null, null));
        var a = alert("nudge-alert", "N9A", Hazard.FLOOD, "nudge-commune", Severity.Extreme, AlertState.ACTIVE, false);
        h.put(Topics.ALERTS, a.id(), event(a, AlertEventType.RAISED, 1));

        Poll.until(Duration.ofSeconds(60), "the Extreme SMS sent long before the 10-minute tick",
                () -> h.twilio.messagesTo("+22370000901").size() == 1);
        assertTrue(h.twilio.messagesTo("+22370000901").get(0).body().contains("OK N9A"));

        // a recipient added while the alert is active is warned as soon as the notifier reads the recipient
        h.put(Topics.RECIPIENTS, "nudge-b", recipient("nudge-b", null, "+22370000902", "fr", List.of("nudge-commune"), null, null, null));
        Poll.until(Duration.ofSeconds(60), "the new recipient warned long before the tick", () -> h.twilio.messagesTo("+22370000902").size() == 1);
        assertEquals(1, h.twilio.messagesTo("+22370000901").size(), "the first recipient is not warned twice");
    }
}
