package org.bourtol.ingest.sms;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A reply language: an ISO 639 code (2 or 3 letters) that has a {@code replies_<code>.properties} file on
 * the classpath — French and English ship, a file adds another (docs/translations.md). The SMS grammar has
 * keywords in the languages with a {@code grammar_<code>.properties} (French and English ship): a keyword tells
 * the sender's language among those, while a reporter registered in another language with a replies file is
 * answered in that language.
 */
public record Language(String tag) {

    public static final Language FR = new Language("fr");
    public static final Language EN = new Language("en");

    /** The reply languages: every {@code replies_<code>.properties} found (sorted codes). */
    public static Set<String> available() {
        return Replies.TEXTS.languages();
    }

    /** Every reply language, one per replies file (French and English first). */
    public static List<Language> values() {
        return available().stream().map(Language::new).sorted(Comparator.comparing((Language l) -> !l.hasKeywords())
                .thenComparing(l -> l.equals(EN))).toList();
    }

    /**
     * The language of a reporter's tag ("fr", "EN", "en-GB", "bm"; region ignored; anything starting with "en" is English) when it has a replies
     * file; anything else or null gives French, the default in the Sahel deployment.
     */
    public static Language of(String tag) {
        String code = tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return code.startsWith(EN.tag) ? EN : !code.equals(FR.tag) && available().contains(code) ? new Language(code) : FR;
    }

    /** True for the languages the grammar has keywords in: those with a {@code grammar_<code>.properties} (French, English). */
    public boolean hasKeywords() {
        return Vocabulary.GRAMMAR.has(tag);
    }

    /**
     * The reply language: the one the sender's words show ({@code written}, null when they show none) when
     * the registered language has keywords of its own, else the registered one.
     */
    public static Language reply(Language written, Language registered) {
        return written == null || !registered.hasKeywords() ? registered : written;
    }
}
