package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.bourtol.contracts.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttUsersTest {

    @TempDir
    Path dir;

    @Test
    void serviceAccountsAreGeneratedOnceInAPrivateFile() throws Exception {
        Path file = dir.resolve("mqtt-users.properties");
        Map<String, String> first = MqttUsers.load(file);
        assertEquals(java.util.Set.of("bourtol-ingest", "bourtol-notifier", "bourtol-gateway"), first.keySet());
        assertTrue(first.values().stream().allMatch(p -> p.length() == 64), "random 32-byte passwords");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, MqttUsers.load(file), "never regenerated");
    }

    @Test
    void aMissingServiceAccountIsAddedWithoutTouchingTheOthers() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "niamey=station-secret-1\nbourtol-ingest=ingest-secret-1\n");
        Map<String, String> users = MqttUsers.load(file);
        assertEquals("station-secret-1", users.get("niamey"));
        assertEquals("ingest-secret-1", users.get("bourtol-ingest"));
        assertEquals(users, MqttUsers.read(file));
    }

    @Test
    void aShortPasswordIsRefusedAndTheFileLeftAsItWas() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "niamey=123\n");
        ConfigException e = assertThrows(ConfigException.class, () -> MqttUsers.load(file));
        assertTrue(e.getMessage().contains("niamey"), e.getMessage());
        assertTrue(!e.getMessage().contains("niamey=123"), "the password is not shown: " + e.getMessage());
        assertEquals("niamey=123\n", Files.readString(file));
    }
}
