package org.bourtol.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker and what they may publish or subscribe to — the same rules
 * as deploy/mosquitto/acl:
 * <ul>
 *   <li>every client authenticates with a user name and password from {@code users}; a client without
 *       a user name is refused;</li>
 *   <li>{@value #INGEST} reads everything and writes nothing; the client id ingest uses (its persistent
 *       session) and every client id starting with {@code bourtol-} belong to Bourtol's own users only;</li>
 *   <li>{@value #NOTIFIER} is the only writer of {@code <prefix>/alerts/#};</li>
 *   <li>{@value #GATEWAY} (the simulator, a field gateway, a LoRaWAN network server) may publish readings
 *       under any device id and LoRaWAN uplinks;</li>
 *   <li>any other user is a device: it publishes only {@code <prefix>/{herd,gauge,rain,report}/<its user name>};</li>
 *   <li>everyone may read {@code <prefix>/alerts/#} (sirens, boards, apps).</li>
 * </ul>
 * A publish that is not allowed is not routed (a retained message is left as it was) and the broker closes that
 * client's connection, as HiveMQ does for MQTT 3.1.1, which has no negative PUBACK; a subscription that is not
 * allowed is refused in the SUBACK. Pure: the broker calls it through {@link BrokerExtension}.
 */
public final class MqttAccess {

    public static final String INGEST = "bourtol-ingest";
    public static final String NOTIFIER = "bourtol-notifier";
    public static final String GATEWAY = "bourtol-gateway";
    /** Bourtol's own accounts, generated on first start of the embedded platform. */
    public static final List<String> SERVICE_USERS = List.of(INGEST, NOTIFIER, GATEWAY);

    private static final Logger LOG = LoggerFactory.getLogger(MqttAccess.class);
    private static final List<String> DEVICE_KINDS = List.of("herd", "gauge", "rain", "report");

    private final Map<String, byte[]> digests;
    private final String prefix;
    private final String ingestClientId;

    /**
     * @param users          user name → password
     * @param prefix         topic prefix ({@code bourtol/v1})
     * @param ingestClientId ingest's client id (its persistent session), reserved for {@value #INGEST}
     */
    public MqttAccess(Map<String, String> users, String prefix, String ingestClientId) {
        this.digests = new java.util.HashMap<>();
        users.forEach((user, password) -> digests.put(user, sha256(password.getBytes(StandardCharsets.UTF_8))));
        this.prefix = prefix;
        this.ingestClientId = ingestClientId;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code username} / {@code password} is a known account allowed to use {@code clientId}. */
    public boolean checkValid(String clientId, String username, byte[] password) {
        byte[] expected = username == null ? null : digests.get(username);
        if (expected == null || password == null || !MessageDigest.isEqual(expected, sha256(password))) {
            LOG.info("mqtt connection refused: unknown user or wrong password [user: {}]", username);
            return false;
        }
        String id = clientId == null ? "" : clientId;
        if (id.equals(ingestClientId) && !INGEST.equals(username)
                || id.startsWith("bourtol-") && !SERVICE_USERS.contains(username)) {
            LOG.warn("mqtt connection refused: client id reserved for Bourtol's services [user: {}, clientId: {}]", username, id);
            return false;
        }
        return true;
    }

    /** True when {@code user} may publish on {@code t}. */
    public boolean canWrite(String t, String user) {
        if (user == null || INGEST.equals(user)) {
            return false;
        }
        if (NOTIFIER.equals(user)) {
            return t.startsWith(prefix + "/alerts/");
        }
        String[] parts = t.split("/", -1);
        String[] base = prefix.split("/", -1);
        boolean deviceTopic = parts.length == base.length + 2 && t.startsWith(prefix + "/")
                && DEVICE_KINDS.contains(parts[base.length]) && !parts[base.length + 1].isEmpty();
        if (GATEWAY.equals(user)) {
            return deviceTopic || isLorawanUplink(parts);
        }
        return deviceTopic && parts[base.length + 1].equals(user);
    }

    private static boolean isLorawanUplink(String[] p) {
        return p.length == 6 && p[0].equals("application") && p[2].equals("device") && p[4].equals("event") && p[5].equals("up")
                || p.length == 5 && p[0].equals("v3") && p[2].equals("devices") && p[4].equals("up");
    }

    /** True when {@code user} may subscribe to {@code filter} (ingest reads everything, everyone else the alerts). */
    public boolean canRead(String filter, String user) {
        if (INGEST.equals(user)) {
            return true;
        }
        return user != null && filter.startsWith(prefix + "/alerts/");
    }
}
