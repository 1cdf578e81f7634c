package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.ingest.place.Place;
import org.bourtol.ingest.place.ZonesFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class SmsParserTest {

    private static final SmsParser PARSER = new SmsParser(ZonesFixture.gazetteer());

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvFileSource(resources = "/sms-grammar-cases.csv", delimiter = ';')
    void understandsWhatFocalPointsType(String body, String expected) {
        SmsCommand c = PARSER.parse(body, Language.FR);
        assertEquals(expected, describe(c), () -> "reply: " + Replies.receipt(c, "R7K2"));
        String reply = Replies.receipt(c, "R7K2");
        assertTrue(Gsm7.fitsOneSegment(reply), () -> "not one GSM-7 segment: " + reply);
    }

    @Test
    void receiptNamesWhatWasUnderstood() {
        SmsCommand c = PARSER.parse("troupeau 250 boeufs konna vers djenne", Language.EN);
        assertEquals("Recu R7K2: 250 bovins a Konna vers Djenne. Erreur? Envoyez: TROUPEAU 250 bovins Konna VERS Djenne",
                Replies.receipt(c, "R7K2"));
        SmsCommand en = PARSER.parse("HERD 250 cattle konna to djenne", Language.FR);
        assertEquals("Received R7K2: 250 cattle at Konna to Djenne. Wrong? Send: HERD 250 cattle Konna TO Djenne", Replies.receipt(en, "R7K2"));
    }

    @Test
    void missingNumberIsNamedWithAnExample() {
        SmsCommand c = PARSER.parse("TROUPEAU boeufs", Language.FR);
        assertEquals("Nombre manquant. Ex: TROUPEAU 120 bovins Konna", Replies.receipt(c, "R7K2"));
        assertEquals("Number missing. Ex: HERD 120 cattle Konna", ((SmsCommand.Problem) c).reason());
    }

    @Test
    void unknownPlaceNamesTheNearestCandidates() {
        SmsCommand c = PARSER.parse("TROUPEAU 250 bovins kolokani", Language.FR);
        String reply = Replies.receipt(c, "R7K2");
        assertTrue(reply.startsWith("Lieu inconnu: kolokani. Proches: ") && reply.endsWith("Ex: TROUPEAU 120 bovins Konna"), reply);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvFileSource(resources = "/sms-grammar-ambiguous-cases.csv", delimiter = ';')
    void ambiguousPlacesAreQueriedNotGuessed(String body, String expected) {
        SmsCommand c = new SmsParser(ZonesFixture.withTwoKonas()).parse(body, Language.FR);
        assertEquals(expected, describe(c), () -> "reply: " + Replies.receipt(c, "R7K2"));
        String reply = Replies.receipt(c, "R7K2");
        assertTrue(Gsm7.fitsOneSegment(reply), () -> "not one GSM-7 segment: " + reply);
    }

    @Test
    void ambiguousPlaceReplyNamesTheCandidatesInTheSendersLanguage() {
        SmsParser parser = new SmsParser(ZonesFixture.withTwoKonas());
        SmsCommand fr = parser.parse("TROUPEAU 250 bovins kona", Language.EN);
        assertEquals("ambiguous-place", ((SmsCommand.Problem) fr).code());
        assertEquals("Lieu ambigu: kona. Precisez: kona-nord, kona-sud. Ex: TROUPEAU 120 bovins Konna", Replies.receipt(fr, "R7K2"));
        SmsCommand en = parser.parse("HERD 200 cattle kona", Language.FR);
        assertEquals("Ambiguous place: kona. Which one: kona-nord, kona-sud. Ex: HERD 120 cattle Konna", Replies.receipt(en, "R7K2"));
        assertEquals("Ambiguous place: kona. Which one: kona-nord, kona-sud. Ex: HERD 120 cattle Konna", ((SmsCommand.Problem) fr).reason());
        for (SmsCommand c : List.of(fr, en)) {
            assertTrue(Gsm7.fitsOneSegment(Replies.receipt(c, "R7K2")));
        }
    }

    @Test
    void okUsesTheReportersLanguage() {
        assertEquals("ack en K7Q", describe(PARSER.parse("ok k7q", Language.EN)));
        assertEquals("Received R7K2: OK for alert K7Q received. Thank you.", Replies.receipt(PARSER.parse("OK K7Q", Language.EN), "R7K2"));
    }

    static String describe(SmsCommand c) {
        String lang = c.language().tag();
        if (c instanceof SmsCommand.Herd h) {
            return "herd " + lang + " " + h.count() + " " + h.species().wire() + " " + place(h.place())
                    + (h.to() == null ? "" : ">" + place(h.to()));
        }
        if (c instanceof SmsCommand.Alert a) {
            return "alert " + lang + " " + a.type().name() + " " + place(a.place());
        }
        if (c instanceof SmsCommand.Level l) {
            return "level " + lang + " " + place(l.station()) + " " + l.cm();
        }
        if (c instanceof SmsCommand.Rain r) {
            return "rain " + lang + " " + place(r.station()) + " " + (r.mm() == Math.rint(r.mm()) ? String.valueOf((long) r.mm()) : String.valueOf(r.mm()));
        }
        if (c instanceof SmsCommand.Ack a) {
            return "ack " + lang + " " + a.code();
        }
        if (c instanceof SmsCommand.Help) {
            return "help " + lang;
        }
        if (c instanceof SmsCommand.Triage t) {
            return "triage " + lang + " " + (t.type() == null ? "-" : t.type().name()) + " " + (t.place() == null ? "-" : place(t.place()));
        }
        return "problem " + lang + " " + ((SmsCommand.Problem) c).code();
    }

    private static String place(Place p) {
        return p.zoneId() != null ? p.zoneId() : "@" + String.format(Locale.ROOT, "%.4f,%.4f", p.lat(), p.lon());
    }
}
