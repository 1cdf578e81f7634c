package org.bourtol.contracts.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A message catalogue: one {@code <base>_<lang>.properties} file per language (UTF-8, NFC), found in
 * the package of an anchor class on every classpath root (a directory or a jar), so a translator adds
 * a language by adding a file — in the module's resources, or in any jar or directory on the
 * classpath — and no Java. Texts use {@code {name}} placeholders, the notifier's template format.
 * A key missing in a language falls back to English, then to French. {@link #all} transliterates the
 * texts to GSM-7 (they go out in SMS); the filled variables are the caller's.
 */
public final class Catalogue {

    private static final Pattern VAR = Pattern.compile("\\{([a-zA-Z0-9_.-]+)}");

    private final String base;
    private final Map<String, Properties> byLanguage;
    /** Texts as {@link #all} uses them, transliterated once: language + NUL + key → text (the files do not change once loaded). */
    private final Map<String, String> transliterated = new java.util.concurrent.ConcurrentHashMap<>();

    private Catalogue(String base, Map<String, Properties> byLanguage) {
        this.base = base;
        this.byLanguage = byLanguage;
    }

    /** Every {@code <base>_<lang>.properties} next to {@code anchor}'s class on the classpath. */
    public static Catalogue of(Class<?> anchor, String base) {
        return of(anchor.getClassLoader(), anchor.getPackageName().replace('.', '/'), base);
    }

    /** Every {@code <dir>/<base>_<lang>.properties} that {@code loader} sees, on every classpath root. */
    public static Catalogue of(ClassLoader loader, String dir, String base) {
        Pattern name = Pattern.compile(Pattern.quote(base) + "_([a-z]{2,3})\\.properties");
        Map<String, Properties> files = new TreeMap<>();
        try {
            for (URL root : Collections.list(loader.getResources(dir))) {
                for (String file : list(root, dir)) {
                    Matcher m = name.matcher(file);
                    if (m.matches() && !files.containsKey(m.group(1))) {
                        files.put(m.group(1), load(loader, dir + "/" + file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no " + base + "_<lang>.properties in " + dir + " on the classpath");
        }
        return new Catalogue(base, files);
    }

    /** The languages this catalogue has a file for (ISO 639 codes, sorted). */
    public Set<String> languages() {
        return byLanguage.keySet();
    }

    /** The keys of {@code lang}'s file (sorted; empty when there is no such file). */
    public Set<String> keys(String lang) {
        Properties p = byLanguage.get(lang);
        return p == null ? Set.of() : new java.util.TreeSet<>(p.stringPropertyNames());
    }

    /** A copy of {@code lang}'s file, if there is one (for callers that check or merge whole files). */
    public java.util.Optional<Properties> properties(String lang) {
        Properties p = byLanguage.get(lang);
        if (p == null) {
            return java.util.Optional.empty();
        }
        Properties copy = new Properties();
        copy.putAll(p);
        return java.util.Optional.of(copy);
    }

    /** True when {@code lang}'s file has {@code key}. */
    public boolean has(String lang, String key) {
        Properties p = byLanguage.get(lang);
        return p != null && p.containsKey(key);
    }

    public boolean has(String lang) {
        return byLanguage.containsKey(lang);
    }

    /** The text of {@code key} in {@code lang} with {@code {name}} placeholders filled from {@code vars}. */
    public String text(String lang, String key, Map<String, ?> vars) {
        return fill(raw(lang, key), vars);
    }

    private static String fill(String template, Map<String, ?> vars) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = vars.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
        }
        return m.appendTail(out).toString();
    }

    /** The text of {@code key} in {@code lang}, unfilled, falling back to English then French. */
    public String raw(String lang, String key) {
        for (String l : new String[] {lang, "en", "fr"}) {
            Properties p = byLanguage.get(l);
            if (p != null && p.getProperty(key) != null) {
                return p.getProperty(key);
            }
        }
        throw new IllegalArgumentException(base + ": no text for key " + key + " (language " + lang + ")");
    }

    /** {@code key} in every language, filled: the language-keyed maps alerts carry (headlines). */
    public Map<String, String> all(String key, Map<String, ?> vars) {
        return all(key, lang -> vars);
    }

    /** As {@link #all(String, Map)} with variables per language (e.g. a word looked up in the same catalogue). */
    public Map<String, String> all(String key, Function<String, Map<String, ?>> vars) {
        Map<String, String> out = new TreeMap<>();
        byLanguage.keySet().forEach(l -> out.put(l, fill(transliterated.computeIfAbsent(l + '\u0000' + key,
                k -> Gsm7.transliterate(raw(l, key))), vars.apply(l))));
        return out;
    }

    private static Stream<String> names(URL root, String dir) throws IOException {
        if ("jar".equals(root.getProtocol())) {
            JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile();
            Enumeration<JarEntry> entries = jar.entries();
            return Collections.list(entries).stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0)
                    .map(n -> n.substring(dir.length() + 1));
        }
        if ("file".equals(root.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                return files.map(f -> f.getFileName().toString()).toList().stream();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return Stream.empty();
    }

    private static Iterable<String> list(URL root, String dir) throws IOException {
        return names(root, dir).sorted().toList();
    }

    /**
     * One file of texts without a language ({@code name} next to {@code anchor}'s class), read as the catalogues are:
     * UTF-8, keys trimmed, texts normalised to NFC.
     */
    public static Properties file(Class<?> anchor, String name) {
        return load(anchor.getClassLoader(), anchor.getPackageName().replace('.', '/') + "/" + name);
    }

    private static Properties load(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing on the classpath");
            }
            Properties raw = new Properties();
            raw.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Properties p = new Properties();
            raw.stringPropertyNames().forEach(k -> p.setProperty(k.trim(), Normalizer.normalize(raw.getProperty(k), Normalizer.Form.NFC)));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
