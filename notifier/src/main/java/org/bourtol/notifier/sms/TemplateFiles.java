package org.bourtol.notifier.sms;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the operator's templates directory: every {@code templates_<lang>.properties} (UTF-8, values
 * normalised to NFC so that an editor's decomposed accents transliterate well), each checked with
 * {@link TemplateCheck}. Problems are collected, never thrown, so startup reports them all at once.
 */
final class TemplateFiles {

    static final Pattern FILE_NAME = Pattern.compile("templates_([a-z]{2,3})\\.properties");

    private TemplateFiles() {
    }

    /** The directory's template files by language; unreadable or invalid files add to {@code problems}. */
    static Map<String, Properties> read(Path dir, List<String> problems) {
        Map<String, Properties> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name);
                if (m.matches()) {
                    readFile(f, problems).ifPresent(p -> {
                        problems.addAll(TemplateCheck.problems(f.toString(), p));
                        files.put(m.group(1), p);
                    });
                } else if (name.startsWith("templates") && name.endsWith(".properties")) {
                    problems.add(f + ": not used: name it templates_<lang>.properties with a 2 or 3 letter ISO 639 code "
                            + "in lower case (e.g. templates_bm.properties)");
                }
            }
        } catch (IOException e) {
            problems.add("notifier.templatesDir " + dir + ": cannot list the directory: " + e.getMessage());
        }
        return files;
    }

    private static Optional<Properties> readFile(Path f, List<String> problems) {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            Properties raw = new Properties();
            raw.load(in);
            Properties p = new Properties();
            raw.stringPropertyNames().forEach(k -> p.setProperty(k.trim(), Normalizer.normalize(raw.getProperty(k), Normalizer.Form.NFC)));
            return Optional.of(p);
        } catch (CharacterCodingException e) {
            problems.add(f + ": not valid UTF-8 (save the file as UTF-8)");
        } catch (IOException | IllegalArgumentException e) {
            problems.add(f + ": cannot read: " + e.getMessage());
        }
        return Optional.empty();
    }
}
