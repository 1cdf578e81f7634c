package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bourtol.contracts.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files in {@code deploy/} cannot run here (no Docker daemon, no systemd), so their
 * configuration is checked: every variable they give Bourtol is one it reads, every Bourtol service runs
 * a real command, the examples load without problems.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Read by the JVM or logback, not by the configuration loader. */
    private static final Set<String> NOT_CONFIG_KEYS = Set.of("BOURTOL_LOG_LEVEL", "JAVA_OPTS", "JAVA_TOOL_OPTIONS");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheComposeFileGivesBourtolIsAKnownKey() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Set<String> unknown = new TreeSet<>();
        List<String> bourtolServices = new ArrayList<>();
        Set<String> commands = new TreeSet<>(Bourtol.commandLine().getSubcommands().keySet());
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) e.getValue();
            if (!String.valueOf(service.get("image")).startsWith("bourtol:")) {
                continue;
            }
            bourtolServices.add(e.getKey());
            for (String name : ((Map<String, Object>) service.get("environment")).keySet()) {
                if (!ConfigLoader.environmentNames().contains(name) && !NOT_CONFIG_KEYS.contains(name)) {
                    unknown.add(e.getKey() + ": " + name);
                }
            }
            String command = ((List<String>) service.get("command")).get(0);
            assertTrue(commands.contains(command), e.getKey() + " runs unknown command " + command);
        }
        assertEquals(List.of("ingest", "notifier", "rules", "timeseries"), bourtolServices.stream().sorted().toList());
        assertTrue(unknown.isEmpty(), "variables Bourtol does not read: " + unknown);
        Map<String, Object> rules = (Map<String, Object>) services.get("rules");
        assertEquals(2, ((Map<String, Object>) rules.get("deploy")).get("replicas"), "two rules instances");
    }

    @Test
    void everyVariableOfTheEnvironmentExamplesIsAKnownKey() throws IOException {
        for (Path file : List.of(DEPLOY.resolve("bourtol.env.example"), DEPLOY.resolve("systemd/bourtol.env.example"))) {
            Set<String> unknown = new TreeSet<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String name = line.substring(0, line.indexOf('='));
                if (!ConfigLoader.environmentNames().contains(name)) {
                    unknown.add(name);
                }
            }
            assertTrue(unknown.isEmpty(), file + ": " + unknown);
        }
    }

    @Test
    void theSystemdConfigurationExampleLoads() throws IOException {
        String yaml = Files.readString(DEPLOY.resolve("systemd/bourtol.yaml.example"));
        var config = ConfigLoader.load(yaml, Map.of());
        assertEquals("https://bourtol.example.org", config.http().publicUrl());
        assertEquals(1, config.kafka().replicationFactor());
    }

    @Test
    void theSystemdUnitsRunRealCommandsAndNeverRestartOnABadConfiguration() throws IOException {
        for (String unit : List.of("bourtol.service", "bourtol@.service")) {
            String text = Files.readString(DEPLOY.resolve("systemd").resolve(unit));
            assertTrue(text.contains("RestartPreventExitStatus=" + Bourtol.EXIT_CONFIG), unit);
            assertTrue(text.contains("User=bourtol"), unit + " runs as root");
            assertFalse(text.contains("User=root"), unit);
        }
        for (String component : List.of("ingest", "rules", "notifier", "timeseries", "run")) {
            assertTrue(Bourtol.commandLine().getSubcommands().containsKey(component), component);
        }
    }
}
