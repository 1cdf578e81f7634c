package org.bourtol.platform.mqtt;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bourtol.contracts.config.BourtolConfig;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Paho (MQTT 3.1.1) connect options. Bourtol speaks MQTT 3.1.1 so that one client works against the
 * embedded Moquette broker and any external broker (Mosquitto, EMQX, HiveMQ); shared subscriptions use
 * the {@code $share/group/filter} form, which those brokers accept from 3.1.1 clients too.
 * {@code mqtts://} and {@code ssl://} URLs use TLS with the configured trust store (or the JVM's).
 */
public final class MqttOptions {

    private MqttOptions() {
    }

    /** Paho wants tcp:// or ssl://; accept mqtt:// and mqtts:// as aliases. */
    public static String pahoUrl(String url) {
        if (url.startsWith("mqtts://")) {
            return "ssl://" + url.substring(8);
        }
        if (url.startsWith("mqtt://")) {
            return "tcp://" + url.substring(7);
        }
        return url;
    }

    /** Options for a persistent session (clean session false) with manual reconnect handled by the caller. */
    public static MqttConnectOptions persistent(BourtolConfig.Mqtt config) {
        MqttConnectOptions o = base(config);
        o.setCleanSession(false);
        return o;
    }

    public static MqttConnectOptions base(BourtolConfig.Mqtt config) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setAutomaticReconnect(true);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        o.setMaxInflight(config.maxInflight());
        if (config.username() != null) {
            o.setUserName(config.username());
        }
        if (config.password() != null) {
            o.setPassword(config.password().toCharArray());
        }
        if (config.truststorePath() != null) {
            o.setSocketFactory(trustStoreContext(config).getSocketFactory());
        }
        return o;
    }

    private static SSLContext trustStoreContext(BourtolConfig.Mqtt config) {
        try (InputStream in = Files.newInputStream(Path.of(config.truststorePath()))) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, config.truststorePassword() == null ? null : config.truststorePassword().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load MQTT trust store " + config.truststorePath() + ": " + e.getMessage(), e);
        }
    }
}
