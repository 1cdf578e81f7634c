package org.bourtol.ingest.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The short code of a receipt ({@code R7K2}), derived from the MessageSid so a retry gets the same one. No 0/O, 1/I, 5/S, 8/B. */
public final class ReceiptCode {

    private static final char[] ALPHABET = "ACDEFHJKLMNPRTUVWXY34679".toCharArray();

    private ReceiptCode() {
    }

    public static String of(String messageSid) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(messageSid.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder(4);
            for (int i = 0; i < 4; i++) {
                out.append(ALPHABET[(h[i] & 0xff) % ALPHABET.length]);
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
