package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account's SMS cap ({@code notifier.maxSmsPerHour}) under a burst of alerts to many recipients: ordinary SMS
 * stop at the cap (cost control), the admin gets one notice, and an Extreme alert still reaches everyone.
 */
class NotifierCapIT {

    static final int CAP = 5;
    static final int RECIPIENTS = 12;
    @RegisterExtension
    static final Harness h = Harness.notifier("it-cap", Harness.options(NotifierComponent.Options.defaults().retry()),
            Map.of(ConfigLoader.envName("notifier.maxSmsPerHour"), String.valueOf(CAP)));

    @Test
    void ordinarySmsStopAtTheCapTheAdminIsToldOnceAndExtremeStillGoesOut() throws Exception {
        h.put(zone("cap-commune", ZoneKind.COMMUNE, "Commune Cap", null));
        h.put(zone("cap-office", ZoneKind.COMMUNE, "Bureau", null));
        h.put(recipient("cap-admin", NotifierEngine.ADMIN_ROLE, "+22370000800", "fr", List.of("cap-office"), null,
                null, null));
        for (int i = 0; i < RECIPIENTS; i++) {
            String id = String.format(Locale.ROOT, "cap-%02d", i);
            h.put(recipient(id, null, String.format(Locale.ROOT, "+223700008%02d", 10 + i), "fr", List.of("cap-commune"),
                    null, null, null));
        }
        for (int i = 0; i < 3; i++) {
            h.raise(alert("cap-severe-" + i, "C" + i + "S", Hazard.CONFLICT, "cap-commune", Severity.Severe, AlertState.ACTIVE, false));
        }
        Poll.until(Duration.ofSeconds(60), "the admin told the cap is reached", () -> h.twilio.messagesTo("+22370000800").size() == 1);
        assertTrue(h.twilio.messagesTo("+22370000800").get(0).body().contains(String.valueOf(CAP)), h.twilio.messagesTo("+22370000800").get(0).body());

        h.raise(alert("cap-extreme", "C9X", Hazard.FLOOD, "cap-commune", Severity.Extreme, AlertState.ACTIVE, false));
        Poll.until(Duration.ofSeconds(60), "the Extreme alert reaches every recipient despite the cap",
                () -> ordinary().stream().filter(m -> m.body().contains("OK C9X")).count() == RECIPIENTS);

        // once every ordinary SMS the notifier decided to send is out (each intent has its SENT record), the
        // ordinary SMS stopped at the cap, although the three Severe alerts were due to every recipient
        Poll.until(Duration.ofSeconds(60), "every ordinary intent settled", () -> {
            List<Delivery> ordinary = h.deliveries(d -> d.alertIds().stream().anyMatch(id -> id.startsWith("cap-severe-")));
            long intents = ordinary.stream().filter(d -> d.status() == DeliveryStatus.QUEUED).count();
            return intents > 0 && intents == ordinary.stream().filter(d -> d.status() == DeliveryStatus.SENT).count();
        });
        long severe = ordinary().stream().filter(m -> !m.body().contains("OK C9X")).count();
        assertTrue(severe >= 1 && severe <= CAP, "ordinary SMS stop at the account cap of " + CAP + "; sent:\n"
                + ordinary().stream().map(m -> m.to() + " " + m.body()).collect(Collectors.joining("\n")));
        assertEquals(severe, h.deliveries(d -> d.alertIds().stream().anyMatch(id -> id.startsWith("cap-severe-"))
                && d.status() == DeliveryStatus.SENT).size(), "each ordinary SMS recorded sent once");
        assertEquals(1, h.twilio.messagesTo("+22370000800").size(), "one notice per hour to the admin");
    }

    private static List<LocalTwilioServer.Message> ordinary() {
        return h.twilio.messages().stream().filter(m -> m.to().startsWith("+223700008") && !m.to().equals("+22370000800")).toList();
    }
}
