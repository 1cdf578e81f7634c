package org.bourtol.rules.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Predicate;

/**
 * Short SMS acknowledgement codes: 3 characters (4 after many collisions) from an alphabet without
 * look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6, Q), derived from the alert id so a replay gives
 * the same code, and unique among active alerts.
 */
public final class ShortCodes {

    static final String ALPHABET = "ACDEFHJKMNPRTUVWXY3479";

    private ShortCodes() {
    }

    public static String allocate(String alertId, Predicate<String> taken) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String code = code(alertId + "#" + attempt, attempt < 50 ? 3 : 4);
            if (!taken.test(code)) {
                return code;
            }
        }
        throw new IllegalStateException("no free short code for alert " + alertId);
    }

    static String code(String seed, int length) {
        byte[] h = sha256(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt((h[i] & 0xff) % ALPHABET.length()));
        }
        return sb.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
