package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bourtol.contracts.config.ConfigException;
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
    void aDataDirectoryRefusesAnotherPseudonymKey(@TempDir Path dir) throws Exception {
        String key = Secrets.pseudonymKey(dir);
        Secrets.verifyPseudonymKey(dir, key); // first start: stores the check value
        Secrets.verifyPseudonymKey(dir, key); // same key: fine
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pseudonym.check"))));
        ConfigException e = assertThrows(ConfigException.class, () -> Secrets.verifyPseudonymKey(dir, "another-key-of-32-characters-xx"));
        assertTrue(e.getMessage().contains("BOURTOL_PSEUDONYM_KEY") && e.getMessage().contains("docs/operations.md"), e.getMessage());
        assertFalse(e.getMessage().contains(key), "the key itself is never printed");
    }

    @Test
    void aDamagedKeyFileIsNeverReplacedSilently(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pseudonym.key"), "short\n");
        assertThrows(ConfigException.class, () -> Secrets.pseudonymKey(dir));
        assertEquals("short\n", Files.readString(dir.resolve("pseudonym.key")), "left as it was");
    }

    @Test
    void randomTokensAreLongAndDistinct() {
        String a = Secrets.randomToken();
        assertTrue(a.length() >= 32);
        assertNotEquals(a, Secrets.randomToken());
    }
}
