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
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.notifier.Fixtures;
import org.bourtol.notifier.escalation.Grouper;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a recipient reads: every template, in every language and role variant, renders to GSM-7 in one
 * segment with the code to acknowledge; grouped SMS carry each alert's place, value and code and what to
 * do, and split rather than drop a fact; an Extreme alert gets its own full SMS.
 */
class TemplatesTest {

    static final Templates TEMPLATES = new Templates();
    static final List<String> FORBIDDEN = List.of("peul", "fulani", "dogon", "bambara", "touareg", "tuareg", "bozo", "ethni");

    static Alert longAlert(Hazard hazard, Severity severity) {
        return Alert.builder().id("a-long", "Q7KZ").rule("r", "t").hazard(hazard)
                .zone("diafarabe", "Piste de traversée de Diafarabé (Yaaral)", null).state(AlertState.ACTIVE).severity(severity)
                .urgency(Urgency.Immediate).certainty(Certainty.Observed).level("red")
                .headline(Map.of("fr", "Troupeaux hors du couloir près de Diafarabé, 3 rapports concordants, dégâts signalés sur les bourgoutières",
                        "en", "Herds outside the corridor near Diafarabé, 3 matching reports, damage reported on bourgou fields"))
                .raisedAt(Fixtures.T0).updatedAt(Fixtures.T0).build();
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
        for (Alert a : List.of(alert("a1", "K7Q", hazard, "niamey", severity, AlertState.ACTIVE, false), longAlert(hazard, severity))) {
            Recipient r = recipient("r1", role, "+22790000001", lang, List.of("niamey"), null, null, null);
            Templates.Rendered t = TEMPLATES.render(lang, role, List.of(new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.parse("s"), "r1"), kind, a, r)));
            assertTrue(Gsm7.isGsm7(t.text()), t.text());
            assertEquals(1, t.segments(), t.text());
            assertEquals(t.segments(), Gsm7.segments(t.text()));
            assertTrue(t.text().contains(a.code()), t.text());
            assertFalse(t.text().contains("{"), "unfilled variable: " + t.text());
            FORBIDDEN.forEach(word -> assertFalse(t.text().toLowerCase().contains(word), t.text()));
        }
    }

    static Alert alertAt(String id, String code, Hazard hazard, Severity severity, String place, String fr, String en) {
        return Alert.builder().id(id, code).rule("r", "t").hazard(hazard).zone(place.toLowerCase(), place, null).state(AlertState.ACTIVE)
                .severity(severity).urgency(Urgency.Immediate).certainty(Certainty.Observed).level("red").headline(Map.of("fr", fr, "en", en))
                .raisedAt(Fixtures.T0).updatedAt(Fixtures.T0).build();
    }

    static Planner.Due due(Alert a, Recipient r) {
        return new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.parse("alert-" + a.severity()), r.id()), Planner.Kind.ALERT, a, r);
    }

    static final Alert MOPTI = alertAt("g1", "M7K", Hazard.FLOOD, Severity.Severe, "Mopti",
            "Niger a Mopti: 700 cm, seuil orange 650 cm depasse", "Niger at Mopti: 700 cm, orange level 650 cm exceeded");
    static final Alert SOFARA = alertAt("g2", "S4B", Hazard.FLOOD, Severity.Moderate, "Sofara",
            "Bani a Sofara: 480 cm, seuil jaune 450 cm depasse", "Bani at Sofara: 480 cm, yellow level 450 cm exceeded");

    @Test
    void groupedSmsForTwoAlertsCarriesEachPlaceValueAndCodeAndWhatToDoInOneSegment() {
        Recipient r = recipient("r1", "peace-committee", "+22790000001", "fr", List.of("mopti"), null, null, null);
        List<Templates.Message> fr = TEMPLATES.split("fr", r.role(), List.of(due(MOPTI, r), due(SOFARA, r)));
        assertEquals(1, fr.size(), "two alerts that fit one segment are one SMS");
        String text = fr.get(0).rendered().text();
        assertEquals("""
                2 alertes:
                Niger a Mopti: 700 cm, seuil orange 650 cm depasse. OK M7K
                Bani a Sofara: 480 cm, seuil jaune 450 cm depasse. OK S4B
                Eloignez-vous du fleuve.""", text);
        for (String fact : List.of("Mopti", "700 cm", "OK M7K", "Sofara", "480 cm", "OK S4B", "Eloignez-vous du fleuve")) {
            assertTrue(text.contains(fact), fact + " missing from: " + text);
        }
        assertEquals(1, fr.get(0).rendered().segments());
        assertTrue(Gsm7.isGsm7(text) && Gsm7.segments(text) == Templates.GROUP_SEGMENTS, text);
        String en = TEMPLATES.split("en", r.role(), List.of(due(MOPTI, r), due(SOFARA, r))).get(0).rendered().text();
        assertEquals("""
                2 alerts:
                Niger at Mopti: 700 cm, orange level 650 cm exceeded. OK M7K
                Bani at Sofara: 480 cm, yellow level 450 cm exceeded. OK S4B
                Move away from the river.""", en);
    }

    @Test
    void theInstructionLineCoversEveryHazardAndThePlaceIsAddedWhenTheHeadlineLacksIt() {
        Recipient r = recipient("r1", null, "+22790000001", "fr", List.of("konna"), null, null, null);
        Alert theft = alertAt("c1", "T3F", Hazard.CONFLICT, Severity.Moderate, "Konna", "2 vols de betail en 24 h", "2 cattle thefts in 24 h");
        Alert flood = alertAt("f1", "F2D", Hazard.FLOOD, Severity.Moderate, "Konna", "Inondation: 3 signalements", "Flooding: 3 reports");
        String text = TEMPLATES.render("fr", null, List.of(due(theft, r), due(flood, r))).text();
        assertEquals("""
                2 alertes:
                Konna: 2 vols de betail en 24 h. OK T3F
                Konna: Inondation: 3 signalements. OK F2D
                Evitez les rassemblements. Eloignez-vous du fleuve.""", text, "both hazards' short instructions: the long ones do not fit");
        assertEquals(1, Gsm7.segments(text));
        Alert threat = alertAt("c2", "M5N", Hazard.CONFLICT, Severity.Moderate, "Sio", "1 menace signalee", "1 threat reported");
        assertEquals("""
                2 alertes:
                Konna: 2 vols de betail en 24 h. OK T3F
                Sio: 1 menace signalee. OK M5N
                Verifiez sur place, evitez les rassemblements, dialoguez.""",
                TEMPLATES.render("fr", null, List.of(due(theft, r), due(threat, r))).text(), "the long instruction when it fits");
    }

    @Test
    void alertsThatDoNotFitOneSegmentGoToAnotherSmsAndNoFactIsDropped() {
        Recipient r = recipient("r1", "peace-committee", "+22790000001", "fr", List.of("konna"), null, null, null);
        List<Alert> alerts = List.of(
                alertAt("i1", "A1B", Hazard.CONFLICT, Severity.Moderate, "Konna", "Incidents a Konna: 2 signalements (vol de betail) en 24 h",
                        "Incidents at Konna: 2 reports (cattle theft) within 24 h"),
                alertAt("i2", "C2D", Hazard.CONFLICT, Severity.Severe, "Sio", "Incidents a Sio: 3 signalements (menace, vol) en 24 h",
                        "Incidents at Sio: 3 reports (threat, theft) within 24 h"),
                MOPTI, SOFARA, longAlert(Hazard.CONFLICT, Severity.Severe));
        for (String lang : List.of("fr", "en")) {
            List<Planner.Due> dues = alerts.stream().map(a -> due(a, r)).toList();
            List<Templates.Message> messages = TEMPLATES.split(lang, r.role(), dues);
            assertTrue(messages.size() > 1, "five alerts do not fit one SMS");
            assertEquals(dues, messages.stream().flatMap(m -> m.dues().stream()).toList(), "every alert once, in order");
            for (Templates.Message m : messages) {
                String text = m.rendered().text();
                assertEquals(1, m.rendered().segments(), text);
                assertTrue(Gsm7.isGsm7(text), text);
                FORBIDDEN.forEach(word -> assertFalse(text.toLowerCase().contains(word), text));
                for (Planner.Due d : m.dues()) {
                    assertTrue(text.contains("OK " + d.alert().code()), text);
                    if (m.dues().size() > 1) {
                        assertTrue(text.contains(Gsm7.transliterate(d.alert().headline().get(lang))), "whole headline in: " + text);
                    }
                }
                if (m.dues().size() == 1) {
                    continue;
                }
                String what = m.dues().get(0).alert().hazard() == Hazard.FLOOD ? "instruction.flood" : "instruction.conflict";
                Properties p = TEMPLATES.bundle(lang).orElseThrow();
                assertTrue(text.contains(p.getProperty(what + ".short").replaceAll("\\.$", "")) || text.contains(p.getProperty(what)),
                        "what to do in: " + text);
            }
        }
    }

    @Test
    void anExtremeAlertGetsTheFullSingleAlertSms() {
        Recipient r = recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), null, null, null);
        Alert clash = alertAt("x1", "9AT", Hazard.CONFLICT, Severity.Extreme, "Konna", "Affrontement signale a Konna (2 signalements: affrontement)",
                "Clash reported at Konna (2 reports: clash)");
        Alert moderate = alertAt("m1", "G1A", Hazard.CONFLICT, Severity.Moderate, "Konna", "Incidents a Konna: 2 signalements en 24 h",
                "Incidents at Konna: 2 reports within 24 h");
        Grouper grouper = new Grouper(java.time.Duration.ofSeconds(30), 10, java.time.ZoneId.of("UTC"));
        List<Planner.Due> due = List.of(due(moderate, r), due(clash, r));
        grouper.ready(Fixtures.T0, due, new Ledger(), java.util.Set.of());
        List<Grouper.Batch> batches = grouper.ready(Fixtures.T0.plusSeconds(30), due, new Ledger(), java.util.Set.of());
        assertEquals(List.of(List.of(due.get(1)), List.of(due.get(0))), batches.stream().map(Grouper.Batch::dues).toList());
        List<Templates.Message> sms = TEMPLATES.split("fr", r.role(), batches.get(0).dues());
        assertEquals(1, sms.size());
        assertEquals("Comite de paix - Risque de tension Konna: Affrontement signale a Konna (2 signalements: affrontement). "
                + "Evitez les rassemblements. Repondez OK 9AT", sms.get(0).rendered().text());
        assertEquals(1, sms.get(0).rendered().segments());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyGroupedKind")
    void everyGroupedLineKindFillsEveryVariableWithoutNamingGroupsOfPeople(String lang, Planner.Kind kind) {
        Recipient r = recipient("r1", "authority", "+22790000001", "fr", List.of("mopti"), null, null, null);
        List<Planner.Due> dues = List.of(MOPTI, SOFARA, longAlert(Hazard.CONFLICT, Severity.Severe)).stream()
                .map(a -> new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.parse("s"), r.id()), kind, a, r)).toList();
        String text = TEMPLATES.render(lang, r.role(), dues).text();
        assertTrue(Gsm7.isGsm7(text), text);
        assertFalse(text.contains("{"), "unfilled variable: " + text);
        dues.forEach(d -> assertTrue(text.contains(d.alert().code()), text));
        FORBIDDEN.forEach(word -> assertFalse(text.toLowerCase().contains(word), text));
    }

    static Stream<Arguments> everyGroupedKind() {
        return Stream.of("fr", "en").flatMap(lang -> Stream.of(Planner.Kind.values()).map(kind -> Arguments.of(lang, kind)));
    }

    @Test
    void aGroupOfAllClearsThanksInsteadOfInstructing() {
        Recipient r = recipient("r1", null, "+22790000001", "fr", List.of("mopti"), null, null, null);
        List<Planner.Due> dues = List.of(MOPTI, SOFARA).stream()
                .map(a -> new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.RESOLVED, r.id()), Planner.Kind.ALL_CLEAR, a, r)).toList();
        assertEquals("2 alertes:\nFin Crue Mopti (M7K)\nFin Crue Sofara (S4B)\nMerci de votre vigilance.",
                TEMPLATES.render("fr", null, dues).text());
    }

    @Test
    void frenchAndEnglishDifferAndPeaceCommitteesAndAuthoritiesHaveTheirOwnWording() {
        Alert a = alert("a1", "K7Q", Hazard.FLOOD, "niamey", Severity.Extreme, AlertState.ACTIVE, false);
        Recipient r = recipient("r1", null, "+22790000001", "fr", List.of("niamey"), null, null, null);
        Planner.Due due = new Planner.Due(new Ledger.Item("a1", DeliveryStep.parse("alert-Extreme"), "r1"), Planner.Kind.ALERT, a, r);
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
