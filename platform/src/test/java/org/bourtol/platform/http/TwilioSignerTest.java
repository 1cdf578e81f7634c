package org.bourtol.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The test vectors of twilio-java's RequestValidatorTest, as published with that library. */
class TwilioSignerTest {

    private static final Map<String, String> PARAMS = Map.of(
            "Digits", "1234", "CallSid", "CA1234567890ABCDE", "To", "+18005551212",
            "Caller", "+14158675309", "From", "+14158675309");

    @ParameterizedTest
    @CsvSource({
        "https://mycompany.com/myapp.php?foo=1&bar=2, RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        "https://mycompany.com:443/myapp.php?foo=1&bar=2, kvajT1Ptam85bY51eRf/AJRuM3w=",
        "http://mycompany.com:80/myapp.php?foo=1&bar=2, 0ZXoZLH/DfblKGATFgpif+LLRf4=",
        "http://mycompany.com:1234/myapp.php?foo=1&bar=2, Zmvh+3yNM1Phv2jhDCwEM3q5ebU="
    })
    void matchesTwilioVectors(String url, String expected) {
        assertEquals(expected, new TwilioSigner("12345").sign(url, PARAMS));
    }

    @Test
    void bodyHashUrlWithoutParams() {
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
                + "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assertEquals("a9nBmqA0ju/hNViExpshrM61xv4=", new TwilioSigner("12345").sign(url, Map.of()));
    }

    @Test
    void refusesMissingToken() {
        assertThrows(IllegalArgumentException.class, () -> new TwilioSigner(""));
    }
}
