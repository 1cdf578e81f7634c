package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bourtol.contracts.topic.Json;
import org.junit.jupiter.api.Test;

/**
 * The console's texts live in its message files: French and English have the same keys, every literal
 * {@code t('key')} of a view or library module names a key that exists, and no module builds markup
 * from strings ({@code innerHTML} and the like) — the page's CSP and textContent-only rule.
 */
class ConsoleMessagesTest {

    private static final Path CONSOLE = Path.of("src", "main", "resources", "console");
    private static final Pattern KEY = Pattern.compile("\\bt\\('([^']+)'\\s*[,)]");

    private static Set<String> keys(String lang) throws IOException {
        JsonNode n = Json.MAPPER.readTree(CONSOLE.resolve("i18n").resolve(lang + ".json").toFile());
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    /** The console's modules; {@code withReport}: also the printable report's (its labels come from the report's own files). */
    private static List<Path> modules(boolean withReport) throws IOException {
        try (Stream<Path> files = Files.walk(CONSOLE)) {
            return files.filter(p -> p.toString().endsWith(".js") && (withReport || !p.startsWith(CONSOLE.resolve("report"))))
                    .sorted().toList();
        }
    }

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        assertEquals(keys("fr"), keys("en"));
    }

    @Test
    void everyLiteralKeyOfTheModulesExists() throws IOException {
        Set<String> fr = keys("fr");
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (Path p : modules(false)) {
            Matcher m = KEY.matcher(Files.readString(p));
            while (m.find()) {
                seen++;
                if (!fr.contains(m.group(1))) {
                    missing.add(CONSOLE.relativize(p) + ": " + m.group(1));
                }
            }
        }
        assertTrue(seen > 300, "the pattern finds the keys: " + seen);
        assertEquals(List.of(), missing);
    }

    @Test
    void noModuleParsesStringsAsMarkup() throws IOException {
        for (Path p : modules(true)) {
            String js = Files.readString(p);
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")) {
                assertTrue(!js.contains(sink), CONSOLE.relativize(p) + " uses " + sink);
            }
        }
    }
}
