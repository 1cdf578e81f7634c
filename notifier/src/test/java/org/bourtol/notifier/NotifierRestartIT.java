package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly once across a restart in the middle of a send, and with two instances running. */
class NotifierRestartIT {

    @RegisterExtension
    static final Harness h = new Harness();

    @AfterEach
    void stopInstances() throws Exception {
        for (NotifierComponent c : List.copyOf(h.started)) {
            h.stop(c);
        }
    }

    static NotifierComponent.Options options(Duration retryBase) {
        return Harness.options(new RetryPolicy(retryBase, retryBase, 5));
    }

    @Test
    void restartBetweenTwilioAcceptingAndTheRecordGivesNoDuplicate() throws Exception {
        NotifierComponent first = h.start("it-restart-1", options(Duration.ofMinutes(2)), null);
        h.put(zone("it4-commune", ZoneKind.COMMUNE, "Commune IT4", null));
        h.put(recipient("it4-a", "+22370000401", "it4-commune"));
        h.twilio.failNext(1, LocalTwilioServer.Fault.acceptThenDrop());
        h.raise(alert("it4-alert", "K4A", Hazard.FLOOD, "it4-commune", Severity.Severe, AlertState.ACTIVE, false));

        Poll.until(Duration.ofSeconds(30), "Twilio accepted the SMS", () -> h.twilio.messagesTo("+22370000401").size() == 1);
        Poll.until(Duration.ofSeconds(30), "intent recorded", () -> !h.deliveries(d -> d.alertIds().contains("it4-alert")).isEmpty());
        h.stop(first);
        List<Delivery> beforeRestart = h.deliveries(d -> d.alertIds().contains("it4-alert"));
        assertTrue(beforeRestart.stream().allMatch(d -> d.status() == DeliveryStatus.QUEUED && d.providerId() == null), beforeRestart.toString());

        h.start("it-restart-2", options(Duration.ofMillis(20)), null);
        Poll.until(Duration.ofSeconds(60), "outcome reconciled", () -> !h.sent("it4-alert").isEmpty());
        Delivery sent = h.sent("it4-alert").get(0);
        assertEquals("reconciled", sent.errorMessage());
        assertEquals(h.twilio.messagesTo("+22370000401").get(0).sid(), sent.providerId());
        assertEquals(1, h.twilio.messagesTo("+22370000401").size());
        assertTrue(h.twilio.requests().stream().anyMatch(r -> "GET".equals(r.method()) && "+22370000401".equals(r.param("To"))));
    }

    @Test
    void twoInstancesSendEachSmsOnceAndTheSurvivorTakesOver() throws Exception {
        NotifierComponent a1 = h.start("it-pair-1", options(Duration.ofMillis(20)), null);
        NotifierComponent a2 = h.start("it-pair-2", options(Duration.ofMillis(20)), null);
        h.put(zone("it5-commune", ZoneKind.COMMUNE, "Commune IT5", null));
        for (int i = 1; i <= 3; i++) {
            h.put(recipient("it5-" + i, "+2237000050" + i, "it5-commune"));
        }
        h.raise(alert("it5-alert", "K5A", Hazard.FLOOD, "it5-commune", Severity.Severe, AlertState.ACTIVE, false));
        Poll.until(Duration.ofSeconds(30), "three SMS", () -> h.sent("it5-alert").size() == 3);
        assertEquals(3, h.twilio.messages().stream().filter(m -> m.to().startsWith("+223700005")).count());

        Poll.until(Duration.ofSeconds(10), "one instance sends", () -> a1.isSending() ^ a2.isSending());
        h.stop(a1.isSending() ? a1 : a2);
        var b = alert("it5-alert-b", "K5B", Hazard.FLOOD, "it5-commune", Severity.Severe, AlertState.ACTIVE, false);
        h.raise(b);
        Poll.until(Duration.ofSeconds(60), "three more SMS from the survivor", () -> h.sent("it5-alert-b").size() == 3);
        assertEquals(6, h.twilio.messages().stream().filter(m -> m.to().startsWith("+223700005")).count());
        assertEquals(3, h.sent("it5-alert").size());
    }
}
