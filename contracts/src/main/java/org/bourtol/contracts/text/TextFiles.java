package org.bourtol.contracts.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Translator-editable text files shipped in the jars: {@code .properties} read as UTF-8 (accents as typed). */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * The properties file {@code name} next to {@code anchor}'s class.
     *
     * @throws IllegalStateException when the file is not on the classpath
     */
    public static Properties load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath next to " + anchor.getName());
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
