package org.bourtol.notifier.cap;

import org.bourtol.contracts.alert.AlertState;
import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.bourtol.notifier.mqtt.ZoneAlertMessage;
import org.junit.jupiter.api.Test;

/** The acknowledgement code is on no public output: CAP, Atom and the retained MQTT message (anyone may read them). */
class PublicOutputsTest {

    static final AlertEvent EVENT = event(alert("a1", "Q7Z", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false),
            AlertEventType.RAISED, 1);

    @Test
    void capAtomAndMqttCarryNoAcknowledgementCode() {
        String cap = new CapRenderer("bourtol@example.org", "https://example.org").render(EVENT, null);
        String atom = AtomFeed.render(List.of(EVENT), "https://example.org", T0);
        String mqtt = ZoneAlertMessage.of("konna", List.of(EVENT)).orElseThrow().toJson();
        for (String out : List.of(cap, atom, mqtt)) {
            assertTrue(out.contains("a1"), "the alert is there: " + out);
            assertFalse(out.contains("Q7Z"), "no code: " + out);
            assertFalse(out.contains("bourtol:code"), out);
        }
    }

    @Test
    void capAtomAndMqttCarryNoReporterPseudonym() {
        Alert a = Alert.builder().id("a3", "M4P").rule("a3-rule", "report-window").hazard(Hazard.CONFLICT).zone("konna", "Konna", null)
                .state(AlertState.ACTIVE).severity(Severity.Severe).urgency(Urgency.Immediate).certainty(Certainty.Observed).level("clash")
                .headline(Map.of("fr", "Conflit signale a Konna", "en", "Clash reported at Konna")).raisedAt(T0).updatedAt(T0)
                .acknowledged("r-ack0c0ffee1", T0.plusSeconds(60))
                .evidence(List.of(new Evidence("sms-SM1", "report", T0, "clash", "r-5f3a9c01d2"),
                        new Evidence("sms-SM2", "report", T0, "clash", "r-77e1b0aa42")))
                .build();
        AlertEvent raised = event(a, AlertEventType.RAISED, 1);
        String cap = new CapRenderer("bourtol@example.org", "https://example.org").render(raised, null);
        String atom = AtomFeed.render(List.of(raised), "https://example.org", T0);
        String mqtt = ZoneAlertMessage.of("konna", List.of(raised)).orElseThrow().toJson();
        for (String out : List.of(cap, atom, mqtt)) {
            assertTrue(out.contains("a3"), "the alert is there: " + out);
            for (String pseudonym : List.of("r-5f3a9c01d2", "r-77e1b0aa42", "r-ack0c0ffee1")) {
                assertFalse(out.contains(pseudonym), pseudonym + " in a public output: " + out);
            }
        }
    }

    @Test
    void controlCharactersInOfficerEnteredTextNeverBreakTheFeed() throws Exception {
        AlertEvent named = event(alert("a2", "K2A", Hazard.CONFLICT, "konna", "Kon\u0001na\u001b[31m", Severity.Severe,
                "Route\u0000 de Konna\u000b fermee", "Konna\u0008 road closed"), AlertEventType.RAISED, 1);
        String cap = new CapRenderer("bourtol@example.org", "https://example.org").render(named, null);
        String atom = AtomFeed.render(List.of(named), "https://example.org", T0);
        for (String xml : List.of(cap, atom)) {
            SafeXml.parse(xml);
            assertFalse(xml.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), xml);
        }
        assertTrue(cap.contains("Route de Konna fermee"), cap);
        assertTrue(atom.contains("Kon" + "na[31m"), atom);
        assertEquals("a\tb\nc\uD83D\uDE00", SafeXml.text("a\tb\nc\u0007\uD83D\uDE00\uD800\uFFFF"));
    }
}
