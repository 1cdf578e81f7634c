package org.bourtol.ingest;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A test device publishing to the broker the way collars and gauges do: Paho v3, MQTT 3.1.1, a wide in-flight window. */
public final class Devices {

    private Devices() {
    }

    public static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setMaxInflight(1000);
        return o;
    }

    public static MqttClient connect(String url, String clientId) throws MqttException {
        MqttClient device = new MqttClient(url, clientId, new MemoryPersistence());
        device.connect(options());
        return device;
    }
}
