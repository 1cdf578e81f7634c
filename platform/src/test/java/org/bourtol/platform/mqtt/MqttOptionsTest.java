package org.bourtol.platform.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttOptionsTest {

    @ParameterizedTest
    @CsvSource({
        "mqtt://broker:1883, tcp://broker:1883",
        "mqtts://broker:8883, ssl://broker:8883",
        "tcp://127.0.0.1:1883, tcp://127.0.0.1:1883",
        "ssl://broker:8883, ssl://broker:8883",
    })
    void pahoUrls(String configured, String paho) {
        assertEquals(paho, MqttOptions.pahoUrl(configured));
    }

    @Test
    void persistentSessionWithCredentials() {
        BourtolConfig.Mqtt cfg = ConfigLoader.load((String) null, Map.of("BOURTOL_MQTT_URL", "mqtt://b:1883",
                "BOURTOL_MQTT_USERNAME", "gw", "BOURTOL_MQTT_PASSWORD", "pw-123", "BOURTOL_MQTT_MAX_INFLIGHT", "500")).mqtt();
        MqttConnectOptions o = MqttOptions.persistent(cfg);
        assertFalse(o.isCleanSession());
        assertEquals(MqttConnectOptions.MQTT_VERSION_3_1_1, o.getMqttVersion());
        assertEquals(500, o.getMaxInflight());
        assertEquals("gw", o.getUserName());
        assertArrayEquals("pw-123".toCharArray(), o.getPassword());
        assertInstanceOf(BufferedSockets.class, o.getSocketFactory(), "plain TCP reads through a buffer");
    }

    @Test
    void tlsWithoutStoresKeepsPahosOwnSocketFactory() {
        BourtolConfig.Mqtt cfg = ConfigLoader.load((String) null, Map.of("BOURTOL_MQTT_URL", "mqtts://b:8883")).mqtt();
        assertNull(MqttOptions.base(cfg).getSocketFactory(), "Paho then uses the JVM's TLS socket factory");
    }

    @Test
    void unreadableTrustStoreFailsClearly() {
        BourtolConfig.Mqtt base = ConfigLoader.load((String) null, Map.of()).mqtt();
        BourtolConfig.Mqtt cfg = new BourtolConfig.Mqtt("mqtts://b:8883", null, null, "/nonexistent/trust.p12", null, base.clientId(),
                base.prefix(), null, 0, true, true, base.maxPayloadBytes(), base.maxInflight());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MqttOptions.base(cfg));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("/nonexistent/trust.p12"), e.getMessage());
    }
}
