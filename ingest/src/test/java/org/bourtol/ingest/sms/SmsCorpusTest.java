package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.ingest.place.ZonesFixture;
import org.junit.jupiter.api.Test;

/**
 * The field corpus ({@code sms-field-corpus.csv}): messages as focal points write them, off the card.
 * Measures the share understood right, sent to triage and answered with help (the figures in
 * docs/sms-grammar.md) and holds the goals: at least 90 % of the well-meant messages understood with
 * the right type, count or level and place; every other message triaged or hinted as expected; no
 * incident report from the other part.
 */
class SmsCorpusTest {

    private static final SmsParser PARSER = new SmsParser(ZonesFixture.gazetteer());

    record Case(String body, String expected) {
        boolean wellMeant() {
            return !expected.startsWith("triage") && !expected.equals("hint");
        }
    }

    static List<Case> corpus() throws IOException {
        List<Case> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SmsCorpusTest.class.getResourceAsStream("/sms-field-corpus.csv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int sep = line.lastIndexOf(';');
                out.add(new Case(line.substring(0, sep), line.substring(sep + 1).trim()));
            }
        }
        return out;
    }

    /** "triage TYPE|- zone|-" for a triaged message, "hint" for a help or problem reply, else the parser test's form. */
    static String outcome(SmsCommand c) {
        if (c instanceof SmsCommand.Help || c instanceof SmsCommand.Problem) {
            return "hint";
        }
        String d = SmsParserTest.describe(c);
        return c instanceof SmsCommand.Triage ? d.replaceFirst("^triage \\w+ ", "triage ") : d;
    }

    @Test
    void fieldCorpusMeetsTheGoals() throws IOException {
        List<Case> cases = corpus();
        int wellMeant = 0;
        int understood = 0;
        int triaged = 0;
        int hinted = 0;
        int others = 0;
        int othersAsExpected = 0;
        int falseIncidents = 0;
        List<String> misses = new ArrayList<>();
        for (Case k : cases) {
            SmsCommand c = PARSER.parse(k.body(), Language.FR);
            String got = outcome(c);
            String reply = Replies.receipt(c, "R7K2");
            assertTrue(Gsm7.fitsOneSegment(reply), () -> "not one GSM-7 segment: " + reply);
            if (got.startsWith("triage")) {
                triaged++;
            } else if (got.equals("hint")) {
                hinted++;
            }
            if (k.wellMeant()) {
                wellMeant++;
                if (got.equals(k.expected())) {
                    understood++;
                } else {
                    misses.add(k.body() + " -> " + got + " (expected " + k.expected() + ")");
                }
            } else {
                others++;
                if (c instanceof SmsCommand.Alert) {
                    falseIncidents++;
                }
                if (got.equals(k.expected())) {
                    othersAsExpected++;
                } else {
                    misses.add(k.body() + " -> " + got + " (expected " + k.expected() + ")");
                }
            }
        }
        String report = String.format(Locale.ROOT,
                "corpus %d messages: well-meant %d, understood right %d (%.1f %%); others %d, as expected %d; "
                        + "all messages: understood %.1f %%, triaged %.1f %%, help %.1f %%; false incidents from others: %d",
                cases.size(), wellMeant, understood, 100.0 * understood / wellMeant, others, othersAsExpected,
                100.0 * (cases.size() - triaged - hinted) / cases.size(), 100.0 * triaged / cases.size(),
                100.0 * hinted / cases.size(), falseIncidents);
        System.out.println(report);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertTrue(cases.size() >= 150, report);
        assertTrue(understood >= 0.9 * wellMeant, report);
        assertEquals(others, othersAsExpected, report);
        assertEquals(0, falseIncidents, report);
    }
}
