package org.bourtol.platform.mqtt;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bourtol.contracts.config.BourtolConfig;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Paho (MQTT 3.1.1) connect options. Bourtol speaks MQTT 3.1.1 so that one client works against the
 * embedded broker (HiveMQ CE) and any external broker (Mosquitto, EMQX, HiveMQ); shared subscriptions use
 * the {@code $share/group/filter} form, which those brokers accept from 3.1.1 clients too.
 * {@code mqtts://} and {@code ssl://} URLs use TLS with the configured trust store (or the JVM's) and,
 * with {@code mqtt.keystorePath}, a client certificate.
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
        if (config.truststorePath() != null || config.keystorePath() != null) {
            o.setSocketFactory(tlsContext(config).getSocketFactory());
        } else if (config.url() != null && pahoUrl(config.url()).startsWith("tcp://")) {
            o.setSocketFactory(new BufferedSockets());
        }
        return o;
    }

    /** TLS with the configured trust store (else the JVM's) and, when set, a client certificate from the key store. */
    private static SSLContext tlsContext(BourtolConfig.Mqtt config) {
        String current = config.truststorePath();
        try {
            TrustManagerFactory tmf = null;
            if (config.truststorePath() != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(config.truststorePath(), config.truststorePassword()));
            }
            KeyManagerFactory kmf = null;
            if (config.keystorePath() != null) {
                current = config.keystorePath();
                char[] pw = config.keystorePassword() == null ? new char[0] : config.keystorePassword().toCharArray();
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(config.keystorePath(), config.keystorePassword()), pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load MQTT trust or key store " + current + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS12 or JKS store (the JDK's keystore loader reads both). */
    private static KeyStore load(String path, String password) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password == null ? null : password.toCharArray());
            return ks;
        }
    }
}
