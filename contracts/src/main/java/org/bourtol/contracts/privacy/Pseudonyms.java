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
 *
 * <p>Each thread keeps one initialised {@link Mac} ({@code doFinal} resets it for the next use): looking the
 * algorithm up and keying it for every id was an eighth of MQTT ingest's worker samples in a JFR profile
 * (docs/performance.md). Thread-safe.
 */
public final class Pseudonyms {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Pseudonyms(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("pseudonym key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * An id as it may be stored: a phone-like id ({@link Phones#isPhoneLike}, e.g. {@code 0022376123456} in an MQTT
     * topic or an HTTP {@code reporterId}) becomes the pseudonym of its E.164 form; any other id is returned as is.
     * Null stays null.
     */
    public String ofId(String id) {
        return Phones.isPhoneLike(id) ? of(Phones.toE164(id)) : id;
    }

    /** The pseudonym of an E.164 phone number (whitespace ignored). */
    public String of(String phone) {
        byte[] h = hmac(phone.replaceAll("\\s", ""));
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
    }

    /**
     * A check value of the key (the first 12 hex digits of HMAC-SHA256 over a fixed label): stored beside
     * the data so that a start with another key is noticed; it reveals nothing usable about the key.
     */
    public String checkValue() {
        return java.util.HexFormat.of().formatHex(hmac("bourtol-pseudonym-key-check-v1"), 0, 6);
    }

    /** A record id keyed with the pseudonym key: {@code prefix} + 24 hex digits of HMAC-SHA256 over the parts. */
    public String keyedId(String prefix, byte[]... parts) {
        Mac mac = macs.get();
        for (byte[] p : parts) {
            mac.update(p);
            mac.update((byte) '\n');
        }
        return prefix + java.util.HexFormat.of().formatHex(mac.doFinal(), 0, 12);
    }

    private byte[] hmac(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms[key=***]";
    }
}
