package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.Map;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class PreflightTest {

    @Test
    void portsInUseAreReportedTogether() throws Exception {
        try (ServerSocket a = new ServerSocket(); ServerSocket b = new ServerSocket()) {
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            b.bind(new InetSocketAddress("127.0.0.1", 0));
            BourtolConfig c = ConfigLoader.load((String) null, Map.of("BOURTOL_HTTP_PORT", String.valueOf(a.getLocalPort()),
                    "BOURTOL_EMBEDDED_KAFKA_PORT", String.valueOf(b.getLocalPort()), "BOURTOL_EMBEDDED_MQTT_PORT", "0"));
            ConfigException e = assertThrows(ConfigException.class, () -> Preflight.check(c, true, EnumSet.allOf(Instance.Part.class)));
            assertEquals(2, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("http.port (BOURTOL_HTTP_PORT)"), e.getMessage());
            assertTrue(e.problems().get(1).startsWith("kafka.embeddedPort (BOURTOL_EMBEDDED_KAFKA_PORT)"), e.getMessage());
        }
    }

    @Test
    void externalModeNeedsBootstrapAndPseudonymKeyOnlyWhereUsed() {
        BourtolConfig c = ConfigLoader.load((String) null, Map.of("BOURTOL_HTTP_PORT", "0"));
        assertEquals(3, assertThrows(ConfigException.class, () -> Preflight.check(c, false, EnumSet.of(Instance.Part.INGEST))).problems().size());
        assertEquals(1, assertThrows(ConfigException.class, () -> Preflight.check(c, false, EnumSet.of(Instance.Part.RULES))).problems().size());
        BourtolConfig ok = ConfigLoader.load((String) null, Map.of("BOURTOL_HTTP_PORT", "0", "BOURTOL_KAFKA_BOOTSTRAP", "k:9092"));
        Preflight.check(ok, false, EnumSet.of(Instance.Part.RULES));
    }

    @Test
    void outsideEmbeddedModeIngestAndTheNotifierNeedAnHttpsPublicUrl() {
        Map<String, String> env = Map.of("BOURTOL_HTTP_PORT", "0", "BOURTOL_KAFKA_BOOTSTRAP", "k:9092", "BOURTOL_PSEUDONYM_KEY", "a-pseudonym-key-of-some-length");
        ConfigException none = assertThrows(ConfigException.class, () -> Preflight.check(ConfigLoader.load((String) null, env), false,
                EnumSet.of(Instance.Part.INGEST)));
        assertEquals(1, none.problems().size(), none.getMessage());
        assertTrue(none.problems().get(0).startsWith("http.publicUrl (BOURTOL_PUBLIC_URL) must be the https:// address"), none.getMessage());
        Map<String, String> plain = new java.util.HashMap<>(env);
        plain.put("BOURTOL_PUBLIC_URL", "http://bourtol.example.org");
        ConfigException http = assertThrows(ConfigException.class, () -> Preflight.check(ConfigLoader.load((String) null, plain), false,
                EnumSet.of(Instance.Part.INGEST)));
        assertTrue(http.problems().get(0).endsWith("it is http://bourtol.example.org"), http.getMessage());
        plain.put("BOURTOL_PUBLIC_URL", "https://bourtol.example.org");
        Preflight.check(ConfigLoader.load((String) null, plain), false, EnumSet.of(Instance.Part.INGEST));
        Preflight.check(ConfigLoader.load((String) null, env), false, EnumSet.of(Instance.Part.RULES));
        Preflight.check(ConfigLoader.load((String) null, Map.of("BOURTOL_HTTP_PORT", "0", "BOURTOL_EMBEDDED_KAFKA_PORT", "0",
                "BOURTOL_EMBEDDED_MQTT_PORT", "0")), true, EnumSet.allOf(Instance.Part.class));
    }
}
