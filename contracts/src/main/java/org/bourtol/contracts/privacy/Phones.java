package org.bourtol.contracts.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E.164 validation (with libphonenumber's numbering plans) and masking. A masked number keeps the country code (libphonenumber knows every one) and the last four digits: {@code +223****4567}. */
public final class Phones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    /** Phone-like digit runs inside free text: optional +, 8 to 15 digits with optional spaces/dots/dashes. */
    private static final Pattern IN_TEXT = Pattern.compile("\\+?\\d(?:[ .-]?\\d){7,14}");
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();
    /** A whole id that is a phone number in some writing: +E.164, 00 prefix or bare digits, 8 to 15 digits. */
    private static final Pattern PHONE_LIKE = Pattern.compile("(?:\\+|00)?\\d{8,15}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()/-]");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+\\d(?:[ .-]?\\d){7,14}");
    private static final Pattern BARE = Pattern.compile("(?<![\\d.])\\d{8,15}(?![\\d.])");

    private Phones() {
    }

    public static boolean isE164(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }

    /**
     * Why {@code phone} cannot be a directory entry's number, or empty when it can: E.164, and a length that the
     * country's numbering plan allows (libphonenumber's {@code isPossibleNumber}: {@code +2237600001}, a digit short
     * for Mali, is refused). The message names the country code it was read with.
     */
    public static Optional<String> problem(String phone) {
        if (!isE164(phone)) {
            return Optional.of("phone must be an E.164 number such as +22376000001");
        }
        try {
            PhoneNumberUtil.ValidationResult r = NUMBERS.isPossibleNumberWithReason(NUMBERS.parse(phone, "ZZ"));
            return r == PhoneNumberUtil.ValidationResult.IS_POSSIBLE ? Optional.empty()
                    : Optional.of("phone " + mask(phone) + " has a length the numbering plan of +" + countryCode(phone).orElse("?")
                            + " does not allow (" + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        } catch (NumberParseException e) {
            return Optional.of("phone must be an E.164 number such as +22376000001");
        }
    }

    /**
     * Whether an id (a topic level, a {@code reporterId}, a device id) is a phone number in any common writing:
     * {@code +22376123456}, {@code 0022376123456}, {@code 76 12 34 56 78}, {@code +223-76.12.34.56}. Such an id is
     * treated as a phone: pseudonymized ({@link Pseudonyms#ofId}) before it reaches any topic, log or store.
     */
    public static boolean isPhoneLike(String id) {
        return id != null && PHONE_LIKE.matcher(SEPARATORS.matcher(id).replaceAll("")).matches();
    }

    /**
     * The E.164 form of a phone-like id: separators dropped, {@code 00} becomes {@code +}, bare digits get a
     * {@code +}; so {@code 0022376123456} and {@code +223 76 12 34 56} give the pseudonym the SMS sender
     * {@code +22376123456} has.
     *
     * @throws IllegalArgumentException when the id is not phone-like
     */
    public static String toE164(String id) {
        if (!isPhoneLike(id)) {
            throw new IllegalArgumentException("not a phone-like id");
        }
        String d = SEPARATORS.matcher(id).replaceAll("");
        return d.startsWith("+") ? d : d.startsWith("00") ? "+" + d.substring(2) : "+" + d;
    }

    /** Masks an E.164 number; anything else becomes {@code ****}. Null stays null. */
    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.trim();
        if (!isE164(p)) {
            return "****";
        }
        String digits = p.substring(1);
        return "+" + countryCode(p).orElse(digits.substring(0, 1)) + "****" + digits.substring(digits.length() - 4);
    }

    /** The country calling code of an E.164 number ({@code +22376000001} → {@code 223}), from libphonenumber's metadata. */
    public static Optional<String> countryCode(String phone) {
        if (!isE164(phone)) {
            return Optional.empty();
        }
        try {
            return Optional.of(String.valueOf(NUMBERS.parse(phone, "ZZ").getCountryCode()));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Masks every phone-like digit run inside free text (raw payloads kept for inspection). */
    public static String maskInText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ .-]", "");
            String masked = digits.length() <= 4 ? digits : "****" + digits.substring(digits.length() - 4);
            m.appendReplacement(out, Matcher.quoteReplacement(digits.startsWith("+") ? mask(digits) : masked));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Masks phone numbers in a machine payload or a machine-made message kept for inspection: {@code +} followed by
     * 8 to 15 digits (separators allowed) and bare runs of 8 to 15 digits. Unlike {@link #maskInText} it leaves ISO
     * dates and decimals readable ({@code 2026-11-24T07:00:00Z}, {@code 14.155}).
     */
    public static String maskInPayload(String text) {
        if (text == null) {
            return null;
        }
        String s = INTERNATIONAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(mask(m.group().replaceAll("[ .-]", ""))));
        return BARE.matcher(s).replaceAll(m -> "****" + m.group().substring(m.group().length() - 4));
    }
}
