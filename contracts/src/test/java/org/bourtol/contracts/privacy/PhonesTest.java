package org.bourtol.contracts.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PhonesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "+22376000001, +223****0001",
        "+22790000001, +227****0001",
        "+15005550006, +1****0006",
        "+33612345678, +33****5678",
        "+2348031234567, +234****4567",
        "+258841234567, +258****4567",
        "+9647701234567, +964****4567",
        "22376000001, ****",
        "'+223 76 00 00 01', ****"})
    void masksKeepingTheCountryCodeAndTheLastFourDigits(String phone, String masked) {
        assertEquals(masked, Phones.mask(phone));
    }

    @Test
    void countryCodeComesFromTheNumberingPlan() {
        assertEquals(Optional.of("223"), Phones.countryCode("+22376000001"));
        assertEquals(Optional.of("1"), Phones.countryCode("+15005550006"));
        assertEquals(Optional.empty(), Phones.countryCode("not a phone"));
        assertNull(Phones.mask(null));
    }

    @Test
    void aDirectoryNumberMustHaveALengthItsCountryAllows() {
        assertEquals(Optional.empty(), Phones.problem("+22376000001"));
        assertEquals(Optional.empty(), Phones.problem("+22790000088"));
        assertEquals(Optional.empty(), Phones.problem("+33612345678"));
        assertEquals(Optional.of("phone +223****0001 has a length the numbering plan of +223 does not allow (too short)"),
                Phones.problem("+2237600001"), "a digit short for Mali");
        assertEquals(Optional.of("phone +223****0001 has a length the numbering plan of +223 does not allow (too long)"),
                Phones.problem("+223760000001"));
        assertEquals(Optional.of("phone must be an E.164 number such as +22376000001"), Phones.problem("76000001"));
        assertEquals(Optional.of("phone must be an E.164 number such as +22376000001"), Phones.problem(null));
    }
}
