package org.bourtol.testkit;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * A Paho {@link MqttCallback} for tests' clients, which only collect what arrives. Set on the client
 * (not given to {@code subscribe}), so it also sees what a persistent session delivers after a
 * reconnect without a new SUBSCRIBE.
 */
public final class PahoCallbacks {

    private PahoCallbacks() {
    }

    /** Hands every message that arrives to {@code onMessage} as (topic, UTF-8 payload); connection loss and acks are ignored. */
    public static MqttCallback onMessage(BiConsumer<String, String> onMessage) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }
}
