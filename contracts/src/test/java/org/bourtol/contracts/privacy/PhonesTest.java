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
}
