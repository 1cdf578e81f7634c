package org.bourtol.ingest.mqtt;

import java.nio.file.Path;
import java.util.Map;
import org.bourtol.embedded.EmbeddedMqtt;
import org.bourtol.embedded.MqttAccess;

/** The embedded MQTT broker alone in its own JVM (for {@link EmbeddedBrokerCrashIT}): {@code <dataDir> <port>}, runs until killed. */
public final class EmbeddedBrokerMain {

    static final Map<String, String> USERS = Map.of(MqttAccess.INGEST, "ingest-secret", MqttAccess.GATEWAY, "gateway-secret");
    static final String PREFIX = "bourtol";
    static final String INGEST_CLIENT = "bourtol-ingest";

    private EmbeddedBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMqtt broker = new EmbeddedMqtt(Path.of(args[0]), Integer.parseInt(args[1]), new MqttAccess(USERS, PREFIX, INGEST_CLIENT)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        Thread.currentThread().join();
    }
}
