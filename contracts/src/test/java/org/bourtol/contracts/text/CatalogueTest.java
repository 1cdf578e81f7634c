package org.bourtol.contracts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {

    private final Catalogue greetings = Catalogue.of(CatalogueTest.class, "greetings");

    @Test
    void aLanguageIsAddedByAFileOnly() {
        assertEquals(Set.of("bm", "en", "fr"), greetings.languages());
        assertEquals("I ni ce Awa, bataki 3 ɛ", greetings.text("bm", "greet", Map.of("name", "Awa", "n", 3)));
    }

    @Test
    void fillsPlaceholdersAndLeavesUnknownOnesVisible() {
        assertEquals("Bonjour Awa, {n} messages", greetings.text("fr", "greet", Map.of("name", "Awa")));
        assertEquals("Hello $1 \\x, 2 messages", greetings.text("en", "greet", Map.of("name", "$1 \\x", "n", 2)));
    }

    @Test
    void aMissingKeyOrLanguageFallsBackToEnglishThenFrench() {
        assertEquals("Hello Awa, 1 messages", greetings.text("ff", "greet", Map.of("name", "Awa", "n", 1)));
        assertEquals("seulement", greetings.text("bm", "only.fr", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> greetings.text("fr", "nothing", Map.of()));
    }

    @Test
    void allGivesEveryLanguageTransliteratedToGsm7() {
        Map<String, String> all = greetings.all("greet", Map.of("name", "Awa", "n", 2));
        assertEquals(Map.of("fr", "Bonjour Awa, 2 messages", "en", "Hello Awa, 2 messages", "bm", "I ni ce Awa, bataki 2 e"), all);
        all.values().forEach(t -> assertTrue(Gsm7.fitsOneSegment(t), t));
    }

    @Test
    void aKeyIsInALanguagesOwnFileOnly() {
        assertTrue(greetings.has("fr", "only.fr"));
        assertTrue(!greetings.has("bm", "only.fr"), "a fallback is not the language's own key");
        assertTrue(!greetings.has("ff", "greet"), "no such file");
    }

    @Test
    void noFileIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Catalogue.of(CatalogueTest.class, "nothing"));
        assertTrue(e.getMessage().contains("nothing_<lang>.properties"), e.getMessage());
    }

    @Test
    void aLanguageInAnotherJarOnTheClasspathIsFound(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("songhai.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String d : new String[] {"org/", "org/bourtol/", "org/bourtol/contracts/", "org/bourtol/contracts/text/"}) {
                out.putNextEntry(new JarEntry(d)); // as jar and Maven write them: resources are found by their directory
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("org/bourtol/contracts/text/greetings_son.properties"));
            OutputStream o = out;
            o.write("greet=Fofo {name}\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, CatalogueTest.class.getClassLoader())) {
            Catalogue c = Catalogue.of(loader, "org/bourtol/contracts/text", "greetings");
            assertEquals(Set.of("bm", "en", "fr", "son"), c.languages());
            assertEquals("Fofo Awa", c.text("son", "greet", Map.of("name", "Awa")));
        }
    }
}
