package org.bourtol.contracts.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private final Pseudonyms p = new Pseudonyms("a-test-key-of-32-characters-long");

    @Test
    void everyWritingOfAPhoneNumberIsTreatedAsThatPhone() {
        String pseudonym = p.of("+22376123456");
        for (String id : new String[] {"+22376123456", "0022376123456", "00223 76 12 34 56", "+223-76.12.34.56", "(+223) 76123456"}) {
            assertTrue(Phones.isPhoneLike(id), id);
            assertEquals(pseudonym, p.ofId(id), id);
        }
        assertTrue(p.ofId("76123456").startsWith("r-"), "bare local digits are a phone too");
    }

    @Test
    void otherIdsStayAsTheyAre() {
        for (String id : new String[] {"niamey", "collar-17", "DIA-01", "r-abcdefghijklmnop", "1234567", "gauge-2026"}) {
            assertFalse(Phones.isPhoneLike(id), id);
            assertEquals(id, p.ofId(id));
        }
        assertNull(p.ofId(null));
    }

    @Test
    void keyedIdsDependOnTheKeyNotOnlyOnTheInput() {
        byte[] topic = "bourtol/v1/report/0022376123456".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        String id = p.keyedId("mqtt-", topic, payload);
        assertTrue(id.matches("mqtt-[0-9a-f]{24}"), id);
        assertEquals(id, p.keyedId("mqtt-", topic, payload), "deterministic: a redelivery gives the same id");
        assertNotEquals(id, new Pseudonyms("another-key-of-32-characters-xxx").keyedId("mqtt-", topic, payload));
        assertFalse(id.contains("22376123456"));
    }

    @Test
    void checkValueTellsKeysApartWithoutShowingThem() {
        String check = p.checkValue();
        assertTrue(check.matches("[0-9a-f]{12}"), check);
        assertEquals(check, new Pseudonyms("a-test-key-of-32-characters-long").checkValue());
        assertNotEquals(check, new Pseudonyms("a-test-key-of-32-characters-lonG").checkValue());
    }

    /** One key, many threads: each thread's own Mac gives the HMAC the JDK gives for that key (RFC 2104). */
    @Test
    void everyThreadComputesTheSameIdsAsAFreshMac() throws Exception {
        javax.crypto.Mac reference = javax.crypto.Mac.getInstance("HmacSHA256");
        reference.init(new javax.crypto.spec.SecretKeySpec("a-test-key-of-32-characters-long".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            expected.add("mqtt-" + java.util.HexFormat.of().formatHex(reference.doFinal(("gauge/" + i + "\n").getBytes(StandardCharsets.UTF_8)), 0, 12));
        }
        java.util.List<String> computed = java.util.stream.IntStream.range(0, 400).parallel()
                .mapToObj(i -> p.keyedId("mqtt-", ("gauge/" + i).getBytes(StandardCharsets.UTF_8))).toList();
        assertEquals(expected, computed);
    }
}
