package org.bourtol.contracts.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 pseudonyms for phone numbers: {@code r-} followed by 16 base32 characters
 * (80 bits). The same key gives the same pseudonym on every instance, so rules can count distinct
 * reporters and the notifier can match an {@code OK} reply to a recipient without a phone number
 * ever leaving the directories. The key comes from configuration ({@code privacy.pseudonymKey}).
 */
public final class Pseudonyms {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final SecretKeySpec key;

    public Pseudonyms(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("pseudonym key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The pseudonym of an E.164 phone number (whitespace ignored). */
    public String of(String phone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(phone.replaceAll("\\s", "").getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder("r-");
            long bits = 0;
            int n = 0;
            for (int i = 0; i < 10; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
                n += 8;
                while (n >= 5) {
                    out.append(BASE32[(int) ((bits >> (n - 5)) & 31)]);
                    n -= 5;
                }
            }
            return out.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms[key=***]";
    }
}
