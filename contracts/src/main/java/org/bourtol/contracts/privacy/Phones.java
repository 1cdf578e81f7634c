package org.bourtol.contracts.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E.164 validation and masking. A masked number keeps the country code (libphonenumber knows every one) and the last four digits: {@code +223****4567}. */
public final class Phones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    /** Phone-like digit runs inside free text: optional +, 8 to 15 digits with optional spaces/dots/dashes. */
    private static final Pattern IN_TEXT = Pattern.compile("\\+?\\d(?:[ .-]?\\d){7,14}");
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    public static boolean isE164(String phone) {
        return phone != null && E164.matcher(phone).matches();
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
}
