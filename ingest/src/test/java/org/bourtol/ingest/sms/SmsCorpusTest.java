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
        return corpus("/sms-field-corpus.csv");
    }

    static List<Case> corpus(String resource) throws IOException {
        List<Case> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SmsCorpusTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
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

    /** The shares of one corpus file, and what was not understood as expected. */
    record Shares(int messages, int wellMeant, int understood, int others, int othersAsExpected, int falseIncidents,
            String report, List<String> misses) {
    }

    @Test
    void fieldCorpusMeetsTheGoals() throws IOException {
        Shares s = measure(corpus());
        System.out.println(s.report());
        s.misses().forEach(m -> System.out.println("  miss: " + m));
        assertTrue(s.messages() >= 150, s.report());
        assertTrue(s.understood() >= 0.9 * s.wellMeant(), s.report());
        assertEquals(s.others(), s.othersAsExpected(), s.report());
        assertEquals(0, s.falseIncidents(), s.report());
    }

    /**
     * Messages written after the parser and its vocabularies, by someone who had not read them, and never
     * tuned to: the honest measure of what the tuned corpus promises. Its figures are reported in
     * docs/sms-grammar.md; the test holds what must never happen (an incident raised from a message that
     * reports none) and the floor below which the vocabularies need work.
     */
    @Test
    void heldOutMessagesAreMostlyUnderstoodAndNeverRaiseFalseIncidents() throws IOException {
        Shares s = measure(corpus("/sms-field-heldout.csv"));
        System.out.println("held-out " + s.report());
        s.misses().forEach(m -> System.out.println("  miss: " + m));
        assertEquals(0, s.falseIncidents(), s.report());
        assertTrue(s.understood() >= 0.9 * s.wellMeant(), s.report());
    }

    static Shares measure(List<Case> cases) {
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
        return new Shares(cases.size(), wellMeant, understood, others, othersAsExpected, falseIncidents, report, misses);
    }
}
