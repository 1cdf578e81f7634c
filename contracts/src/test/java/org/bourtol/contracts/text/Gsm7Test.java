package org.bourtol.contracts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gsm7Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Crue à Niamey: 640 cm|Crue à Niamey: 640 cm",
        "Fête à Ségou, Diré|Fete à Ségou, Diré",
        "Mopti: «niveau» élevé — évacuez…|Mopti: \"niveau\" élevé - évacuez...",
        "Œuvre, cœur, garçon|OEuvre, coeur, garcon",
        "Ségou, Djenné, Diafarabé – bœufs|Ségou, Djenné, Diafarabé - boeufs",
        "Tillabéri 🌊 crue|Tillabéri ? crue",
        "Koulikoro ⇒ Ségou|Koulikoro ? Ségou",
        "Bambara: Kɛlɛ, ɲɔgɔn, Ŋaŋa|Bambara: Kele, nyogon, Nganga",
        "Hausa: ɓarna, ɗaki, ƙasa, ƴaƴa|Hausa: barna, daki, kasa, yaya"})
    void transliteratesKeepingWhatGsm7Has(String in, String out) {
        assertEquals(out, Gsm7.transliterate(in));
        assertTrue(Gsm7.isGsm7(Gsm7.transliterate(in)));
        assertEquals(out, Gsm7.transliterate(out), "idempotent");
    }

    @Test
    void countsSegmentsAndSeptets() {
        assertEquals(1, Gsm7.segments("a".repeat(160)));
        assertEquals(2, Gsm7.segments("a".repeat(161)));
        assertEquals(2, Gsm7.segments("a".repeat(306)));
        assertEquals(3, Gsm7.segments("a".repeat(307)));
        assertEquals(2, Gsm7.segments("€".repeat(81)), "extension characters cost two septets");
        assertEquals(1, Gsm7.segments("€".repeat(80)));
        assertEquals(1, Gsm7.segments("ê".repeat(70)));
        assertEquals(2, Gsm7.segments("ê".repeat(71)));
        assertEquals(4, Gsm7.septets("a€b"));
        assertEquals(-1, Gsm7.septets("Ségou ✓"));
        assertFalse(Gsm7.isGsm7("ê"));
        assertTrue(Gsm7.isGsm7("é è ù à ì ò Ç"));
        assertTrue(Gsm7.fitsOneSegment("x".repeat(160)));
        assertFalse(Gsm7.fitsOneSegment("x".repeat(161)));
        assertFalse(Gsm7.fitsOneSegment("x".repeat(159) + "€"));
        assertFalse(Gsm7.fitsOneSegment("ê"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Djenné|djenne",
        "BŒUFS, Æther, Straße|boeufs, aether, strasse",
        "Kɛlɛ ɲɔgɔn Ŋaŋa|kele nogon nana",
        "ɓarna ɗaki ƙasa ƴaƴa|barna daki kasa yaya",
        "Tillabéri|tillaberi"})
    void foldsEveryAccentForMatching(String in, String out) {
        assertEquals(out, Gsm7.fold(in));
    }

    @Test
    void asciiKeepsCaseAndKeyKeepsOnlyLettersAndDigits() {
        assertEquals("Segou", Gsm7.ascii("Ségou"));
        assertEquals("", Gsm7.ascii(null));
        assertEquals("", Gsm7.transliterate(null));
        assertEquals("djenne boeufs", Gsm7.key("  Djenné,  BŒUFS! "));
        assertEquals("l eau 3", Gsm7.key("L’eau: 3"));
    }
}
