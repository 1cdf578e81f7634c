package org.bourtol.contracts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void theReadmeTableIsTheGeneratedOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = ConfigKeys.markdownTable();
        assertTrue(readme.contains(table),
                "README.md's configuration table differs from ConfigKeys; paste the output of `bourtol config --keys --markdown`");
    }

    @Test
    void everyKeyHasAMeaningAndTheLoaderKnowsEveryKeyAndAlias() {
        Set<String> names = new HashSet<>();
        for (ConfigKeys.Key k : ConfigKeys.all()) {
            assertTrue(names.add(k.name()), "twice: " + k.name());
            assertFalse(k.meaning() == null || k.meaning().isBlank(), "no meaning: " + k.name());
            assertTrue(ConfigLoader.defaults().containsKey(k.name()), k.name());
            k.environmentNames().forEach(e -> assertTrue(ConfigLoader.environmentNames().contains(e), e));
        }
        assertEquals(names, ConfigLoader.defaults().keySet());
        assertEquals("BOURTOL_MQTT_SHARED_GROUP", ConfigLoader.envName("mqtt.sharedGroup"));
        assertEquals(7, ConfigLoader.load((String) null, Map.of("BOURTOL_RULES_STANDBY_REPLICAS", "7")).rules().standbyReplicas());
    }
}
