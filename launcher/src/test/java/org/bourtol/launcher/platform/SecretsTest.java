package org.bourtol.launcher.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @Test
    void pseudonymKeyIsGeneratedOnceAndKeptPrivate(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        String key = Secrets.pseudonymKey(dataDir);
        assertEquals(64, key.length());
        assertEquals(key, Secrets.pseudonymKey(dataDir), "read back, not regenerated");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("pseudonym.key"))));
    }

    @Test
    void randomTokensAreLongAndDistinct() {
        String a = Secrets.randomToken();
        assertTrue(a.length() >= 32);
        assertNotEquals(a, Secrets.randomToken());
    }
}
