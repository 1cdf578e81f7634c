package org.bourtol.launcher.platform;

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
            ConfigException e = assertThrows(ConfigException.class, () -> Preflight.check(c, true, EnumSet.allOf(Platform.Part.class)));
            assertEquals(2, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("http.port (BOURTOL_HTTP_PORT)"), e.getMessage());
            assertTrue(e.problems().get(1).startsWith("kafka.embeddedPort (BOURTOL_EMBEDDED_KAFKA_PORT)"), e.getMessage());
        }
    }

    @Test
    void externalModeNeedsBootstrapAndPseudonymKeyOnlyWhereUsed() {
        BourtolConfig c = ConfigLoader.load((String) null, Map.of("BOURTOL_HTTP_PORT", "0"));
        assertEquals(2, assertThrows(ConfigException.class, () -> Preflight.check(c, false, EnumSet.of(Platform.Part.INGEST))).problems().size());
        assertEquals(1, assertThrows(ConfigException.class, () -> Preflight.check(c, false, EnumSet.of(Platform.Part.RULES))).problems().size());
        BourtolConfig ok = ConfigLoader.load((String) null, Map.of("BOURTOL_HTTP_PORT", "0", "BOURTOL_KAFKA_BOOTSTRAP", "k:9092"));
        Preflight.check(ok, false, EnumSet.of(Platform.Part.RULES));
    }
}
