package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A change of an alert, a recipient or a zone is planned at once: with an engine tick of ten minutes, a new
 * Extreme alert's SMS still leaves within seconds (before, it waited for the end of the tick), whichever of the
 * zone, the recipient and the alert the notifier reads last.
 */
class NotifierNudgeIT {

    @RegisterExtension
    static final Harness h = Harness.notifier("it-nudge", Harness.options(NotifierComponent.Options.defaults().retry(), Duration.ofMinutes(10)));

    @Test
    void aNewAlertIsSentWithoutWaitingForTheTick() throws Exception {
        h.put(zone("nudge-commune", ZoneKind.COMMUNE, "Commune Nudge", null));
        h.put(recipient("nudge-a", "+22370000901", "nudge-commune"));
        var a = alert("nudge-alert", "N9A", Hazard.FLOOD, "nudge-commune", Severity.Extreme, AlertState.ACTIVE, false);
        h.raise(a);

        Poll.until(Duration.ofSeconds(60), "the Extreme SMS sent long before the 10-minute tick",
                () -> h.twilio.messagesTo("+22370000901").size() == 1);
        assertTrue(h.twilio.messagesTo("+22370000901").get(0).body().contains("OK N9A"));

        // a recipient added while the alert is active is warned as soon as the notifier reads the recipient
        h.put(recipient("nudge-b", "+22370000902", "nudge-commune"));
        Poll.until(Duration.ofSeconds(60), "the new recipient warned long before the tick", () -> h.twilio.messagesTo("+22370000902").size() == 1);
        assertEquals(1, h.twilio.messagesTo("+22370000901").size(), "the first recipient is not warned twice");
    }
}
