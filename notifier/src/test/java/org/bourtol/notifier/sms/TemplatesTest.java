package org.bourtol.notifier.sms;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.Fixtures;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every template, in every language and role variant, renders to GSM-7 in one segment with the code to acknowledge. */
class TemplatesTest {

    static final Templates TEMPLATES = new Templates();
    static final List<String> FORBIDDEN = List.of("peul", "fulani", "dogon", "bambara", "touareg", "tuareg", "bozo", "ethni");

    static Alert longAlert(Hazard hazard, Severity severity) {
        return new Alert("a-long", "Q7KZ", "r", "t", hazard, "diafarabe", "Piste de traversée de Diafarabé (Yaaral)", null, "active",
                severity, Urgency.Immediate, Certainty.Observed, "red",
                Map.of("fr", "Troupeaux hors du couloir près de Diafarabé, 3 rapports concordants, dégâts signalés sur les bourgoutières",
                        "en", "Herds outside the corridor near Diafarabé, 3 matching reports, damage reported on bourgou fields"),
                Map.of(), Fixtures.T0, Fixtures.T0, null, false, null, null, null, List.of());
    }

    static Stream<Arguments> everyTemplate() {
        List<Arguments> out = new ArrayList<>();
        for (String lang : List.of("fr", "en")) {
            for (String role : new String[] {null, "peace-committee", "authority", "drr-officer"}) {
                for (Planner.Kind kind : Planner.Kind.values()) {
                    for (Hazard hazard : Hazard.values()) {
                        for (Severity severity : Severity.values()) {
                            out.add(Arguments.of(lang, role, kind, hazard, severity));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @MethodSource("everyTemplate")
    void everyTemplateFitsOneGsm7Segment(String lang, String role, Planner.Kind kind, Hazard hazard, Severity severity) {
        for (Alert a : List.of(alert("a1", "K7Q", hazard, "niamey", severity, "active", false), longAlert(hazard, severity))) {
            Recipient r = recipient("r1", role, "+22790000001", lang, List.of("niamey"), null, null, null);
            Templates.Rendered t = TEMPLATES.render(lang, role, List.of(new Planner.Due(new Ledger.Item(a.id(), "s", "r1"), kind, a, r)));
            assertTrue(Gsm7.isGsm7(t.text()), t.text());
            assertEquals(1, t.segments(), t.text());
            assertEquals(t.segments(), Gsm7.segments(t.text()));
            assertTrue(t.text().contains(a.code()), t.text());
            assertFalse(t.text().contains("{"), "unfilled variable: " + t.text());
            FORBIDDEN.forEach(word -> assertFalse(t.text().toLowerCase().contains(word), t.text()));
        }
    }

    @Test
    void groupedMessageListsEveryCode() {
        Recipient r = recipient("r1", "peace-committee", "+22790000001", "fr", List.of("niamey"), null, null, null);
        List<Planner.Due> dues = new ArrayList<>();
        for (String code : List.of("A1B", "C2D", "E3F")) {
            Alert a = alert("a-" + code, code, Hazard.CONFLICT, "konna", Severity.Severe, "active", false);
            dues.add(new Planner.Due(new Ledger.Item(a.id(), "alert-Severe", "r1"), Planner.Kind.ALERT, a, r));
        }
        Templates.Rendered t = TEMPLATES.render("fr", "peace-committee", dues);
        assertTrue(t.text().startsWith("3 alertes: "), t.text());
        assertTrue(t.text().contains("OK A1B") && t.text().contains("OK C2D") && t.text().contains("OK E3F"), t.text());
        assertEquals(1, t.segments(), t.text());
    }

    @Test
    void frenchAndEnglishDifferAndPeaceCommitteesAndAuthoritiesHaveTheirOwnWording() {
        Alert a = alert("a1", "K7Q", Hazard.FLOOD, "niamey", Severity.Extreme, "active", false);
        Recipient r = recipient("r1", null, "+22790000001", "fr", List.of("niamey"), null, null, null);
        Planner.Due due = new Planner.Due(new Ledger.Item("a1", "alert-Extreme", "r1"), Planner.Kind.ALERT, a, r);
        String fr = TEMPLATES.render("fr", null, List.of(due)).text();
        String en = TEMPLATES.render("en", null, List.of(due)).text();
        assertTrue(fr.contains("Repondez OK K7Q") && fr.contains("Niger a Niamey: 640 cm"), fr);
        assertTrue(en.contains("Reply OK K7Q") && en.contains("Niger at Niamey: 640 cm"), en);
        assertTrue(TEMPLATES.render("fr", "peace-committee", List.of(due)).text().startsWith("Comite de paix"));
        String authority = TEMPLATES.render("fr", "authority", List.of(due)).text();
        assertEquals("Autorites - Crue Niamey: Niger a Niamey: 640 cm, seuil rouge 620 cm depasse. Niveau extreme. "
                + "Eloignez-vous du fleuve. Repondez OK K7Q", authority, "what to do, shortened to fit one SMS");
        assertEquals("fr", TEMPLATES.render("zz", null, List.of(due)).language(), "unknown languages fall back to French");
    }

    @Test
    void everyLanguageFileHasTheSameKeys() {
        Properties fr = TEMPLATES.bundle("fr").orElseThrow();
        Properties en = TEMPLATES.bundle("en").orElseThrow();
        assertEquals(fr.stringPropertyNames(), en.stringPropertyNames());
    }
}
