package org.bourtol.contracts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

    @Test
    @DisplayName("without file or environment every key has its documented default")
    void defaults() {
        BourtolConfig c = ConfigLoader.load((String) null, Map.of());
        assertEquals("127.0.0.1", c.http().host());
        assertEquals(8080, c.http().port());
        assertEquals(1048576, c.http().maxBodyBytes());
        assertEquals(Path.of("./bourtol-data"), c.dataDir());
        assertNull(c.kafka().bootstrap());
        assertEquals("PLAINTEXT", c.kafka().securityProtocol());
        assertEquals(9092, c.kafka().embeddedPort());
        assertNull(c.mqtt().url());
        assertEquals(1883, c.mqtt().embeddedPort());
        assertEquals("bourtol/v1", c.mqtt().prefix());
        assertEquals("bourtol-ingest", c.mqtt().clientId());
        assertEquals(100, c.mqtt().maxInflight());
        assertFalse(c.twilio().configured());
        assertFalse(c.influx().enabled());
        assertEquals("bourtol", c.influx().database());
        assertEquals(Duration.ofSeconds(1), c.influx().flushInterval());
        assertNull(c.security().adminToken());
        assertNull(c.security().pseudonymKey());
        assertEquals(Duration.ofHours(1), c.rules().grace());
        assertEquals(0.5, c.rules().unverifiedWeight());
        assertEquals(Duration.ofSeconds(30), c.notifier().groupWindow());
        assertEquals(ZoneId.of("Africa/Bamako"), c.notifier().timezone());
    }

    @Test
    void everyDefaultKeyLoadsAndHasAnEnvironmentName() {
        assertTrue(ConfigLoader.defaults().size() >= 50, "the documented key table");
        ConfigLoader.defaults().keySet().forEach(k -> assertTrue(ConfigLoader.envName(k).matches("BOURTOL_[A-Z0-9_]+"), k));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http.port, BOURTOL_HTTP_PORT",
        "dataDir, BOURTOL_DATA_DIR",
        "mqtt.sharedGroup, BOURTOL_MQTT_SHARED_GROUP",
        "kafka.embeddedPort, BOURTOL_KAFKA_EMBEDDED_PORT",
        "notifier.maxSmsPerRecipientPerHour, BOURTOL_NOTIFIER_MAX_SMS_PER_RECIPIENT_PER_HOUR",
        "twilio.authToken, BOURTOL_TWILIO_AUTH_TOKEN",
        "notifier.templatesDir, BOURTOL_NOTIFIER_TEMPLATES_DIR",
    })
    void environmentNameOfAKey(String key, String env) {
        assertEquals(env, ConfigLoader.envName(key));
    }

    static Stream<Arguments> precedence() {
        Function<BourtolConfig, Object> httpPort = c -> c.http().port();
        Function<BourtolConfig, Object> bootstrap = c -> c.kafka().bootstrap();
        Function<BourtolConfig, Object> mqttUrl = c -> c.mqtt().url();
        Function<BourtolConfig, Object> authToken = c -> c.twilio().authToken();
        Function<BourtolConfig, Object> group = c -> c.mqtt().sharedGroup();
        return Stream.of(
                Arguments.of("default", null, Map.of(), httpPort, 8080),
                Arguments.of("file over default", "http:\n  port: 9000\n", Map.of(), httpPort, 9000),
                Arguments.of("env over file", "http:\n  port: 9000\n", Map.of("BOURTOL_HTTP_PORT", "9100"), httpPort, 9100),
                Arguments.of("dotted key in file", "http.port: 9001\n", Map.of(), httpPort, 9001),
                Arguments.of("documented alias BOURTOL_KAFKA_BOOTSTRAP", "kafka:\n  bootstrap: file:9092\n",
                        Map.of("BOURTOL_KAFKA_BOOTSTRAP", "env:9092"), bootstrap, "env:9092"),
                Arguments.of("documented alias BOURTOL_MQTT_URL", null, Map.of("BOURTOL_MQTT_URL", "mqtts://broker:8883"), mqttUrl,
                        "mqtts://broker:8883"),
                Arguments.of("documented alias TWILIO_AUTH_TOKEN", "twilio:\n  authToken: from-file\n", Map.of("TWILIO_AUTH_TOKEN", "from-env"),
                        authToken, "from-env"),
                Arguments.of("derived name BOURTOL_TWILIO_AUTH_TOKEN", null, Map.of("BOURTOL_TWILIO_AUTH_TOKEN", "derived"), authToken,
                        "derived"),
                Arguments.of("derived name for a camelCase key", "mqtt:\n  sharedGroup: a\n", Map.of("BOURTOL_MQTT_SHARED_GROUP", "b"),
                        group, "b"),
                Arguments.of("unrelated env ignored", null, Map.of("PATH", "/usr/bin", "BOURTOL_NOT_A_KEY", "x"), httpPort, 8080));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void defaultsThenFileThenEnvironment(String name, String yaml, Map<String, String> env, Function<BourtolConfig, Object> read,
                                         Object expected) {
        assertEquals(expected, read.apply(ConfigLoader.load(yaml, env)));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bourtol.yaml");
        Files.writeString(file, """
                http:
                  port: 0
                  publicUrl: https://bourtol.example.org
                dataDir: /var/lib/bourtol
                twilio:
                  accountSid: %s
                  authToken: secret-token
                  from: "+22370000000"
                influx:
                  url: http://127.0.0.1:8086
                  flushInterval: PT5S
                notifier:
                  timezone: Africa/Niamey
                """.formatted(ACCOUNT_SID));
        BourtolConfig c = ConfigLoader.load(Optional.of(file), Map.of());
        assertEquals(0, c.http().port());
        assertEquals("https://bourtol.example.org", c.http().publicUrl());
        assertEquals(Path.of("/var/lib/bourtol"), c.dataDir());
        assertTrue(c.twilio().configured());
        assertTrue(c.influx().enabled());
        assertEquals(Duration.ofSeconds(5), c.influx().flushInterval());
        assertEquals(ZoneId.of("Africa/Niamey"), c.notifier().timezone());
    }

    @Test
    @DisplayName("a bad file and bad environment are reported together, every problem at once")
    void reportsEveryProblemAtOnce() {
        String yaml = """
                http:
                  port: 70000
                  publicUrl: not a url
                colour: blue
                kafka:
                  securityProtocol: TLS
                mqtt:
                  url: http://broker
                  prefix: bourtol/#
                twilio:
                  accountSid: nope
                influx:
                  flushInterval: 5 seconds
                rules:
                  unverifiedWeight: 2
                notifier:
                  timezone: Mars/Olympus
                """;
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(yaml, Map.of("BOURTOL_INGEST_MAX_BATCH_ITEMS", "many", "BOURTOL_ADMIN_TOKEN", "short")));
        List<String> expected = List.of("http.port", "http.publicUrl", "unknown key 'colour'", "kafka.securityProtocol", "mqtt.url",
                "mqtt.prefix", "twilio.accountSid", "influx.flushInterval", "rules.unverifiedWeight", "notifier.timezone",
                "ingest.maxBatchItems", "security.adminToken");
        for (String key : expected) {
            assertTrue(e.problems().stream().anyMatch(p -> p.contains(key)), key + " missing from " + e.problems());
        }
        assertEquals(expected.size(), e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid configuration (12 problems)"), e.getMessage());
        assertTrue(e.getMessage().contains("BOURTOL_HTTP_PORT"), "problems name the environment variable too");
    }

    @Test
    void invalidYamlAndUnreadableFileAreProblems(@TempDir Path dir) {
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load("http: [unclosed", Map.of()));
        assertEquals(1, bad.problems().size());
        assertTrue(bad.problems().get(0).contains("not valid YAML"), bad.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.of(dir.resolve("absent.yaml")), Map.of()));
        assertTrue(missing.problems().get(0).contains("cannot read config file"), missing.getMessage());
        ConfigException list = assertThrows(ConfigException.class, () -> ConfigLoader.load("- a\n- b\n", Map.of()));
        assertTrue(list.problems().get(0).contains("mapping"), list.getMessage());
    }

    @Test
    @DisplayName("the notifier's templates directory and escalation policy file are read from the file or the environment")
    void notifierTemplatesDirAndPolicyFile(@TempDir Path dir) throws Exception {
        Path templates = Files.createDirectory(dir.resolve("templates"));
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"rules\": []}");
        BourtolConfig unset = ConfigLoader.load((String) null, Map.of());
        assertNull(unset.notifier().templatesDir());
        assertNull(unset.notifier().escalationPolicyFile());
        BourtolConfig fromFile = ConfigLoader.load("notifier:\n  templatesDir: %s\n  escalationPolicyFile: %s\n".formatted(templates, policy),
                Map.of());
        assertEquals(templates, fromFile.notifier().templatesDir());
        assertEquals(policy, fromFile.notifier().escalationPolicyFile());
        BourtolConfig fromEnv = ConfigLoader.load((String) null,
                Map.of("BOURTOL_NOTIFIER_TEMPLATES_DIR", templates.toString(), "BOURTOL_NOTIFIER_ESCALATION_POLICY", policy.toString()));
        assertEquals(templates, fromEnv.notifier().templatesDir());
        assertEquals(policy, fromEnv.notifier().escalationPolicyFile());
    }

    @Test
    @DisplayName("a missing templates directory or policy file is a startup problem, listed with the others")
    void missingNotifierTemplatesDirOrPolicyFileIsAProblem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir.properties"), "alert=x");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("http:\n  port: -1\n",
                Map.of("BOURTOL_NOTIFIER_TEMPLATES_DIR", dir.resolve("absent").toString(),
                        "BOURTOL_NOTIFIER_ESCALATION_POLICY", dir.resolve("absent.json").toString())));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("notifier.templatesDir (BOURTOL_NOTIFIER_TEMPLATES_DIR)")
                && p.contains("absent") && p.contains("does not exist")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("notifier.escalationPolicyFile") && p.contains("absent.json")
                && p.contains("does not exist")), e.getMessage());
        ConfigException notDir = assertThrows(ConfigException.class,
                () -> ConfigLoader.load((String) null, Map.of("BOURTOL_NOTIFIER_TEMPLATES_DIR", file.toString())));
        assertTrue(notDir.problems().get(0).contains("is not a readable directory"), notDir.getMessage());
        ConfigException dirAsPolicy = assertThrows(ConfigException.class,
                () -> ConfigLoader.load((String) null, Map.of("BOURTOL_NOTIFIER_ESCALATION_POLICY", dir.toString())));
        assertTrue(dirAsPolicy.problems().get(0).contains("is not a readable file"), dirAsPolicy.getMessage());
    }

    @Test
    @DisplayName("secrets never appear in toString (and so in logs)")
    void secretsAreRedacted() {
        Map<String, String> env = new HashMap<>();
        env.put("BOURTOL_KAFKA_PASSWORD", "kafka-pass-1234");
        env.put("BOURTOL_KAFKA_TRUSTSTORE_PASSWORD", "kafka-trust-1234");
        env.put("BOURTOL_MQTT_PASSWORD", "mqtt-pass-1234");
        env.put("BOURTOL_MQTT_TRUSTSTORE_PASSWORD", "mqtt-trust-1234");
        env.put("TWILIO_AUTH_TOKEN", "twilio-token-1234");
        env.put("BOURTOL_INFLUX_PASSWORD", "influx-pass-1234");
        env.put("BOURTOL_INFLUX_TOKEN", "influx-token-1234");
        env.put("BOURTOL_ADMIN_TOKEN", "admin-token-123456789");
        env.put("BOURTOL_PSEUDONYM_KEY", "pseudonym-key-123456789");
        BourtolConfig c = ConfigLoader.load((String) null, env);
        assertEquals("mqtt-pass-1234", c.mqtt().password(), "the value itself is available to the code");
        String text = c.toString();
        for (String secret : env.values()) {
            assertFalse(text.contains(secret), "secret leaked in toString: " + secret);
        }
        assertTrue(text.contains("***"));
    }
}
