package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notifier against SharedKafka and the local Twilio-compatible server. */
class NotifierIT {

    @RegisterExtension
    static final Harness h = Harness.notifier("it-main", Harness.options(new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 5)));

    @Test
    void oneAlertThreeRecipientsGivesExactlyThreeSmsThenThreeAllClears() throws Exception {
        h.put(zone("it1-region", ZoneKind.REGION, "Region IT1", null));
        h.put(zone("it1-commune", ZoneKind.COMMUNE, "Commune IT1", "it1-region"));
        h.put(zone("it1-farm", ZoneKind.FARMLAND, "Rizieres IT1", "it1-commune"));
        h.put(zone("it1-other", ZoneKind.COMMUNE, "Ailleurs", null));
        h.put(recipient("it1-a", "peace-committee", "+22370000101", "fr", List.of("it1-commune"), null, null, null));
        h.put(recipient("it1-b", "authority", "+22370000102", "en", List.of("it1-region"), null, null, null));
        h.put(recipient("it1-c", null, "+22370000103", "fr", List.of("it1-farm"), List.of(Hazard.CONFLICT), null, null));
        h.put(recipient("it1-d", "+22370000104", "it1-other"));
        h.put(recipient("it1-e", null, "+22370000105", "fr", List.of("it1-commune"), List.of(Hazard.FLOOD), null, null));
        h.put(recipient("it1-f", null, "+22370000106", "fr", List.of("it1-commune"), null, Severity.Extreme, null));
        h.raise(alert("it1-alert", "K1A", Hazard.CONFLICT, "it1-farm", Severity.Severe, AlertState.ACTIVE, false));

        Set<String> warned = Set.of("+22370000101", "+22370000102", "+22370000103");
        Poll.until(Duration.ofSeconds(30), "three SMS recorded sent", () -> sent("it1-alert", "alert-Severe").size() == 3);
        assertEquals(warned, messagesTo("+2237000010").stream().map(LocalTwilioServer.Message::to).collect(Collectors.toSet()));
        assertEquals(3, messagesTo("+2237000010").size());
        for (LocalTwilioServer.Message m : messagesTo("+2237000010")) {
            assertEquals(1, m.numSegments(), m.body());
            assertTrue(m.body().contains("OK K1A"), m.body());
            assertEquals("http://127.0.0.1:1/sms/status", m.statusCallback());
        }
        assertTrue(h.twilio.messagesTo("+22370000102").get(0).body().startsWith("Authorities"));
        assertTrue(h.twilio.messagesTo("+22370000101").get(0).body().startsWith("Comite de paix"));
        assertTrue(h.metrics.counter("bourtol.sms", "status", "sent").count() >= 3);
        assertTrue(h.metrics.counter("bourtol.sms", "status", "intent").count() >= 3);
        for (Delivery d : sent("it1-alert", "alert-Severe")) {
            assertTrue(d.to().contains("****"), d.to());
            assertEquals(1, d.segments());
        }

        var resolved = alert("it1-alert", "K1A", Hazard.CONFLICT, "it1-farm", Severity.Severe, AlertState.RESOLVED, false);
        h.resolve(resolved);
        Poll.until(Duration.ofSeconds(30), "three all-clears", () -> sent("it1-alert", "resolved").size() == 3);
        assertEquals(6, messagesTo("+2237000010").size());
        assertTrue(h.twilio.messagesTo("+22370000101").get(1).body().startsWith("FIN D'ALERTE"));
        // checked again once the later RESOLVED was handled: no fourth alert SMS came in between, and
        // every record of the alert's step (intents and outcomes) concerns the three warned recipients
        assertEquals(3, sent("it1-alert", "alert-Severe").size(), "exactly three alert SMS, still");
        assertEquals(3, messagesTo("+2237000010").stream().filter(m -> m.body().contains("OK K1A")).count());
        assertEquals(3, h.deliveries(d -> d.alertIds().contains("it1-alert") && d.step().contains("alert-Severe"))
                .stream().map(Delivery::recipientId).distinct().count());
    }

    @Test
    void serverErrorsThenCreatedGiveOneSmsAfterRetries() throws Exception {
        h.put(zone("it2-commune", ZoneKind.COMMUNE, "Commune IT2", null));
        h.twilio.failNext(2, LocalTwilioServer.Fault.serverError());
        h.put(recipient("it2-a", null, "+22370000201", "en", List.of("it2-commune"), null, null, null));
        h.raise(alert("it2-alert", "K2A", Hazard.FLOOD, "it2-commune", Severity.Extreme, AlertState.ACTIVE, false));
        Poll.until(Duration.ofSeconds(30), "SMS sent after retries", () -> sent("it2-alert", "alert-Extreme").size() == 1);
        assertEquals(1, h.twilio.messagesTo("+22370000201").size());
        assertEquals(3, sent("it2-alert", "alert-Extreme").get(0).attempt());
        assertEquals(3, h.posts("+22370000201"));
    }

    @Test
    void invalidNumberIsRecordedFailedWithTwilioCodeAndNotRetried() throws Exception {
        h.put(zone("it3-commune", ZoneKind.COMMUNE, "Commune IT3", null));
        h.twilio.failTo("+22370000301", LocalTwilioServer.Fault.invalidTo());
        h.put(recipient("it3-a", "+22370000301", "it3-commune"));
        h.raise(alert("it3-alert", "K3A", Hazard.FLOOD, "it3-commune", Severity.Severe, AlertState.ACTIVE, false));
        Poll.until(Duration.ofSeconds(30), "failure recorded", () -> !h.deliveries(d -> d.alertIds().contains("it3-alert")
                && d.status() == DeliveryStatus.FAILED).isEmpty());
        Delivery failed = h.deliveries(d -> d.alertIds().contains("it3-alert") && d.status() == DeliveryStatus.FAILED).get(0);
        assertEquals("21211", failed.errorCode());
        assertEquals("+223****0301", failed.to());
        assertEquals(0, h.twilio.messagesTo("+22370000301").size());
        assertEquals(1, h.posts("+22370000301"));

        var second = alert("it3-alert-2", "K3B", Hazard.FLOOD, "it3-commune", Severity.Extreme, AlertState.ACTIVE, false);
        h.put(recipient("it3-b", "+22370000302", "it3-commune"));
        h.raise(second);
        Poll.until(Duration.ofSeconds(30), "the other recipient warned of both, the Extreme alert on its own",
                () -> h.twilio.messagesTo("+22370000302").size() == 2);
        assertEquals(1, h.twilio.messagesTo("+22370000302").stream().filter(m -> m.body().contains("OK K3B") && !m.body().contains("K3A")).count());
        assertEquals(1, h.posts("+22370000301"),
                "a dead number is not tried again for the next alert");
    }

    @Test
    void anExtremeAlertGoesAloneAndGroupedSmsCarryEveryCodeAndWhatToDo() throws Exception {
        h.put(zone("it4-commune", ZoneKind.COMMUNE, "Konna", null));
        var clash = alert("it4-clash", "X4A", Hazard.CONFLICT, "it4-commune", "Konna", Severity.Extreme,
                "Affrontement signale a Konna (2 signalements: affrontement)", "Clash reported at Konna (2 reports: clash)");
        var incidents = alert("it4-incidents", "M4B", Hazard.CONFLICT, "it4-commune", "Konna", Severity.Moderate,
                "Incidents a Konna: 2 signalements en 24 h", "Incidents at Konna: 2 reports within 24 h");
        var thefts = alert("it4-thefts", "F4C", Hazard.CONFLICT, "it4-commune", "Konna", Severity.Severe,
                "Vols de betail a Konna: 3 signalements en 24 h", "Cattle thefts at Konna: 3 reports within 24 h");
        for (var a : List.of(clash, incidents, thefts)) {
            h.raise(a);
        }
        // the recipient last, so that all three are most likely due in the same tick
        h.put(recipient("it4-a", "peace-committee", "+22370000401", "fr", List.of("it4-commune"), null, null, null));
        Poll.until(Duration.ofSeconds(30), "every code received", () -> {
            String all = h.twilio.messagesTo("+22370000401").stream().map(LocalTwilioServer.Message::body).collect(Collectors.joining("|"));
            return all.contains("OK X4A") && all.contains("OK M4B") && all.contains("OK F4C");
        });
        List<LocalTwilioServer.Message> got = h.twilio.messagesTo("+22370000401");
        List<LocalTwilioServer.Message> extreme = got.stream().filter(m -> m.body().contains("X4A")).toList();
        assertEquals(1, extreme.size());
        assertTrue(extreme.get(0).body().startsWith("Comite de paix - Risque de tension Konna: "), extreme.get(0).body());
        assertTrue(!extreme.get(0).body().contains("M4B") && !extreme.get(0).body().contains("F4C"), "never grouped: " + extreme.get(0).body());
        Poll.until(Duration.ofSeconds(10), "the Extreme SMS recorded sent", () -> sent("it4-clash", "alert-Extreme").size() == 1);
        assertEquals(1, sent("it4-clash", "alert-Extreme").get(0).alertIds().size());
        for (LocalTwilioServer.Message m : got) {
            assertEquals(1, m.numSegments(), m.body());
            if (m.body().contains("M4B") && m.body().contains("F4C")) {
                assertTrue(m.body().startsWith("2 alertes:\n"), m.body());
                assertEquals("2 alertes:\nIncidents a Konna: 2 signalements en 24 h. OK M4B\n"
                        + "Vols de betail a Konna: 3 signalements en 24 h. OK F4C\nEvitez les rassemblements.", m.body());
            }
        }
    }

    static List<Delivery> sent(String alertId, String step) {
        return h.sent(alertId).stream().filter(d -> d.step().contains(step)).toList();
    }

    static List<LocalTwilioServer.Message> messagesTo(String prefix) {
        return h.twilio.messages().stream().filter(m -> m.to().startsWith(prefix)).toList();
    }
}
