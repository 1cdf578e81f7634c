package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bourtol.contracts.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticMembershipTest {

    @Test
    void theIdIsCreatedOnceAndKeptAcrossRestarts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String first = StaticMembership.memberId(data);
        assertTrue(first.matches("[0-9a-f]{12}"), first);
        assertEquals(first + "\n", Files.readString(data.resolve(StaticMembership.FILE)));
        assertEquals(first, StaticMembership.memberId(data), "read back, not generated again");
        assertNotEquals(first, StaticMembership.memberId(dir.resolve("other")), "another data directory, another member");
        try (var files = Files.list(data)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aDamagedFileIsReplaced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StaticMembership.FILE), "\0\0garbage");
        String id = StaticMembership.memberId(dir);
        assertTrue(id.matches("[0-9a-f]{12}"), id);
        assertEquals(id, Files.readString(dir.resolve(StaticMembership.FILE)).trim());
    }

    @Test
    void aStaticConsumerIsNamedAfterItsGroupAndMember() {
        var clients = new KafkaClients(ConfigLoader.load((String) null, Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k:9092")).kafka());
        assertEquals("bourtol-notifier-n1", clients.consumer("bourtol-notifier", "n1").get("group.instance.id"));
        assertEquals(null, clients.consumer("bourtol-notifier").get("group.instance.id"), "dynamic unless asked");
    }
}
