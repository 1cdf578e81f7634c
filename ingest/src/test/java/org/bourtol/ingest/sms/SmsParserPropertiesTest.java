package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bourtol.ingest.place.ZonesFixture;

/**
 * Property-based fuzzing of the SMS grammar: whatever a phone sends — random text, control characters,
 * emoji, a 1,600-character concatenated SMS, or grammar words in random order — the parser answers a
 * command, never an exception, and a problem always carries a reason and a reply.
 */
class SmsParserPropertiesTest {

    private static final SmsParser PARSER = new SmsParser(ZonesFixture.gazetteer());
    private static final SmsParser AMBIGUOUS = new SmsParser(ZonesFixture.withTwoKonas());

    @Property(tries = 300)
    void anyTextIsAnsweredWithACommandOrAProblemWithAReason(@ForAll("bodies") String body, @ForAll("languages") Language lang) {
        for (SmsParser parser : new SmsParser[] {PARSER, AMBIGUOUS}) {
            SmsCommand c = parser.parse(body, lang);
            assertNotNull(c, body);
            if (c instanceof SmsCommand.Problem p) {
                assertFalse(p.code() == null || p.code().isBlank(), () -> "a problem without a code: " + body);
                assertFalse(p.reason() == null || p.reason().isBlank(), () -> "a problem without a reason: " + body);
            }
            if (!AlertReplies.handles(c)) { // FAIT/FAUX are answered by AlertReplies, as SmsIngest does
                assertNotNull(Replies.receipt(c, "R7K2"), body);
            }
        }
    }

    @Provide
    Arbitrary<Language> languages() {
        return Arbitraries.of(Language.values());
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("TROUPEAU", "HERD", "ALERTE", "ALERT", "NIVEAU", "LEVEL", "PLUIE", "RAIN", "OK", "FAIT", "FAUX", "VERS",
                        "TO", "CONFLIT", "CLASH", "FEU", "INONDATION", "TENSION", "bovins", "boeufs", "cattle", "chevres", "moutons",
                        "chameaux", "konna", "kona", "mopti", "djenne", "niamey", "k7q", "a", "de", "vers", "14.5,-4.2", "14,5",
                        "-4.2", "1e309", "NaN", "Infinity", "-0", "0", "00", "999999999999999999999", "1,5", "½", "٣", "+22376000001"),
                Arbitraries.integers().between(-1_000_000, 1_000_000).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(3),
                Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(2),
                Arbitraries.of("\uD83C\uDF0A", "\u202e", "\u00a0", "\t", "\n", "  ", "é", "ç", "ß", "İ"));
        Arbitrary<String> sentence = word.list().ofMaxSize(12).map(ws -> String.join(" ", ws));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, sentence),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(1000).ofMaxLength(1600)));
    }
}
