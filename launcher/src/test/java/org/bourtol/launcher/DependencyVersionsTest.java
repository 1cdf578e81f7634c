package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Libraries with known security fixes are at least the fixed version on the classpath the launcher ships. */
class DependencyVersionsTest {

    @Test
    void logbackIsAtLeast1_5_19() throws Exception {
        for (String artifact : new String[] {"logback-core", "logback-classic"}) {
            String version = version(ch.qos.logback.core.Appender.class, "ch.qos.logback", artifact);
            assertTrue(atLeast(version, 1, 5, 19),
                    artifact + " " + version + " is older than 1.5.19");
        }
    }

    /** True when a dotted version (e.g. 1.5.38, 1.6.0-alpha) is at least major.minor.patch. */
    static boolean atLeast(String version, int... min) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < min.length; i++) {
            int v = i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
            if (v != min[i]) {
                return v > min[i];
            }
        }
        return true;
    }

    private static String version(Class<?> anyClass, String group, String artifact) throws Exception {
        try (InputStream in = anyClass.getClassLoader().getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            assertNotNull(in, artifact + " pom.properties not on the classpath");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
