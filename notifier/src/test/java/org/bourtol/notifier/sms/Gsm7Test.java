package org.bourtol.notifier.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Gsm7Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Crue à Niamey: 640 cm|Crue à Niamey: 640 cm",
            "Fête à Ségou, Diré|Fete à Ségou, Diré",
            "Mopti: «niveau» élevé — évacuez…|Mopti: \"niveau\" élevé - évacuez...",
            "Œuvre, cœur, garçon|OEuvre, coeur, garcon",
            "Tillabéri 🌊 crue|Tillabéri ? crue",
            "Koulikoro ⇒ Ségou|Koulikoro ? Ségou",
            "Bambara: Kɛlɛ, ɲɔgɔn, Ŋaŋa|Bambara: Kele, nyogon, Nganga",
            "Hausa: ɓarna, ɗaki, ƙasa, ƴaƴa|Hausa: barna, daki, kasa, yaya"})
    void transliterates(String in, String out) {
        assertEquals(out, Gsm7.transliterate(in));
        assertTrue(Gsm7.isGsm7(Gsm7.transliterate(in)));
    }

    @Test
    void countsSegments() {
        assertEquals(1, Gsm7.segments("a".repeat(160)));
        assertEquals(2, Gsm7.segments("a".repeat(161)));
        assertEquals(2, Gsm7.segments("a".repeat(306)));
        assertEquals(3, Gsm7.segments("a".repeat(307)));
        assertEquals(2, Gsm7.segments("€".repeat(81)), "extension characters cost two septets");
        assertEquals(1, Gsm7.segments("€".repeat(80)));
        assertEquals(1, Gsm7.segments("ê".repeat(70)));
        assertEquals(2, Gsm7.segments("ê".repeat(71)));
        assertFalse(Gsm7.isGsm7("ê"));
        assertTrue(Gsm7.isGsm7("é è ù à ì ò Ç"));
    }
}
