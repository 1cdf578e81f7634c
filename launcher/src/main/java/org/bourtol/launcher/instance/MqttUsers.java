package org.bourtol.launcher.instance;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.embedded.MqttAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT broker's accounts: {@code user=password} lines in {@code <dataDir>/mqtt-users.properties}
 * (or {@code mqtt.embeddedUsersFile}), mode 0600. Bourtol's own accounts ({@link MqttAccess#SERVICE_USERS})
 * are generated into it at first start and added when missing, never replaced; the operator adds one
 * line per device, whose user name is its station, herd device or reporter id. Passwords are never logged.
 */
public final class MqttUsers {

    static final String FILE = "mqtt-users.properties";
    private static final Logger LOG = LoggerFactory.getLogger(MqttUsers.class);

    private MqttUsers() {
    }

    /** Where the accounts live for this configuration. */
    public static Path file(BourtolConfig config) {
        String configured = config.mqtt().embeddedUsersFile();
        return configured != null ? Path.of(configured) : config.dataDir().resolve(FILE);
    }

    /** Reads the accounts, generating Bourtol's own ones (0600, fsync'd) when the file or one of them is missing. */
    public static Map<String, String> load(Path file) {
        try {
            Map<String, String> users = read(file);
            List<String> missing = MqttAccess.SERVICE_USERS.stream().filter(u -> !users.containsKey(u)).toList();
            if (!missing.isEmpty()) {
                String existing = Files.exists(file) ? Files.readString(file) : "# Bourtol's embedded MQTT broker: user=password, one per line (docs/mqtt.md)\n";
                StringBuilder text = new StringBuilder(existing.endsWith("\n") || existing.isEmpty() ? existing : existing + "\n");
                for (String user : missing) {
                    String password = Secrets.randomHex();
                    users.put(user, password);
                    text.append(user).append('=').append(password).append('\n');
                }
                Secrets.writePrivate(file, text.toString());
                LOG.info("mqtt accounts generated [file: {}, users: {}]", file, missing);
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the MQTT accounts file " + file, e);
        }
    }

    /** The accounts in {@code file} (empty when it does not exist). */
    public static Map<String, String> read(Path file) {
        Map<String, String> users = new TreeMap<>();
        if (!Files.exists(file)) {
            return users;
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            p.stringPropertyNames().forEach(u -> users.put(u, p.getProperty(u).trim()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(List.of("MQTT accounts file " + file + " cannot be read (" + e.getMessage()
                    + "); Bourtol does not replace it: fix or restore it (docs/mqtt.md)"));
        }
        List<String> empty = users.entrySet().stream().filter(e -> e.getValue().length() < 8).map(Map.Entry::getKey).toList();
        if (!empty.isEmpty()) {
            throw new ConfigException(List.of("MQTT accounts file " + file + ": users " + empty
                    + " have a password shorter than 8 characters; Bourtol does not replace them"));
        }
        return users;
    }
}
