package org.bourtol.ingest.validation;

import java.util.regex.Pattern;
import org.bourtol.contracts.privacy.Phones;

/**
 * Masks phone numbers in a raw machine payload kept for inspection: {@code +} followed by 8 to 15
 * digits (separators allowed) and bare runs of 8 to 15 digits. Unlike {@link Phones#maskInText} it
 * leaves ISO dates and decimals readable ({@code 2026-11-24T07:00:00Z}, {@code 14.155}).
 */
public final class PayloadMask {

    private static final Pattern INTERNATIONAL = Pattern.compile("\\+\\d(?:[ .-]?\\d){7,14}");
    private static final Pattern BARE = Pattern.compile("(?<![\\d.])\\d{8,15}(?![\\d.])");

    private PayloadMask() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String s = INTERNATIONAL.matcher(text).replaceAll(m -> Phones.mask(m.group().replaceAll("[ .-]", "")).replace("$", "\\$"));
        return BARE.matcher(s).replaceAll(m -> "****" + m.group().substring(m.group().length() - 4));
    }
}
