package org.bourtol.ingest.sms;

import java.util.Locale;

/** The two languages of the SMS grammar; a reply uses the language of the keyword the sender typed. */
public enum Language {
    FR, EN;

    /** "fr"/"en" (any case, region ignored); anything else or null gives French, the default in the Sahel deployment. */
    public static Language of(String tag) {
        return tag != null && tag.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : FR;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
