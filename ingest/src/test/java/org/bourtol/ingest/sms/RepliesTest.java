package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.ingest.place.Place;
import org.junit.jupiter.api.Test;

/** Every reply template, in both languages and with the longest variable parts, fits one GSM-7 segment. */
class RepliesTest {

    private static final Place LONG = new Place("x", "Piste de traversée de Diafarabé (Yaaral) et environs", 14, -4, ZoneKind.CORRIDOR);
    private static final String WORST_CODE = "WWWW";

    @Test
    void everyProblemTemplateFitsOneSegmentInBothLanguages() {
        List<Place> three = List.of(LONG, LONG, LONG);
        List<String> codes = Replies.TEXTS.keys("fr").stream().filter(k -> k.startsWith("problem.")).map(k -> k.substring(8)).toList();
        assertEquals(17, codes.size(), "every problem code is in replies_fr.properties");
        for (String code : codes) {
            for (Vocabulary.Keyword k : Vocabulary.Keyword.values()) {
                for (Language lang : Language.values()) {
                    long slots = Replies.TEXTS.raw(lang.tag(), "problem." + code).split("\\{\\d}", -1).length - 1;
                    Object[] args = new Object[(int) slots];
                    for (int i = 0; i < slots; i++) {
                        args[i] = i == 1 ? three : "unmotbeaucouptroplongpourtenirdansunsms";
                    }
                    String reply = Replies.render(lang, k, code, args);
                    assertTrue(Gsm7.fitsOneSegment(reply), code + "/" + k + "/" + lang + ": " + reply.length() + " " + reply);
                    assertFalse(reply.startsWith("Recu") || reply.startsWith("Received"), reply);
                }
            }
        }
    }

    @Test
    void everyReceiptFitsOneSegmentInBothLanguages() {
        List<String> replies = new ArrayList<>();
        for (Language lang : Language.values()) {
            for (Species s : Species.values()) {
                replies.add(Replies.receipt(new SmsCommand.Herd(lang, 100_000, s, LONG, LONG), WORST_CODE));
            }
            for (ReportType t : ReportType.values()) {
                replies.add(Replies.receipt(new SmsCommand.Alert(lang, t, LONG, "x".repeat(1600)), WORST_CODE));
            }
            replies.add(Replies.receipt(new SmsCommand.Level(lang, LONG, -500), WORST_CODE));
            replies.add(Replies.receipt(new SmsCommand.Rain(lang, LONG, 499.75), WORST_CODE));
            replies.add(Replies.receipt(new SmsCommand.Ack(lang, "ABCDEFGHIJ"), WORST_CODE));
            replies.add(Replies.receipt(new SmsCommand.Help(lang), WORST_CODE));
            replies.add(Replies.help(lang));
            replies.add(Replies.rateLimited(lang));
        }
        for (String r : replies) {
            assertTrue(Gsm7.fitsOneSegment(r), r.length() + ": " + r);
        }
        assertTrue(replies.get(0).startsWith("Recu WWWW: 100000 bovins a Piste de traversée"), replies.get(0));
    }
}
