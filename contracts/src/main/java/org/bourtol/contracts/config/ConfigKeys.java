package org.bourtol.contracts.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The single source of configuration keys: each key with its default, its environment variables,
 * the default as documentation shows it and its meaning. {@link ConfigLoader} reads its defaults and
 * aliases from here; {@code bourtol config --keys} prints them; the README's configuration table is
 * {@link #markdownTable()} (checked by {@code ConfigKeysTest}).
 */
public final class ConfigKeys {

    /**
     * One key. {@code value} is the default the loader uses (null = unset); {@code shownDefault}, when
     * not null, replaces it in documentation (a default computed at start); {@code aliases} are short
     * environment names read besides {@link #environment() the derived one}.
     */
    public record Key(String name, String value, String shownDefault, String meaning, List<String> aliases) {

        /** The environment variable derived from the key: {@code mqtt.sharedGroup} → {@code BOURTOL_MQTT_SHARED_GROUP}. */
        public String environment() {
            return "BOURTOL_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
        }

        /** Every environment variable that sets this key, the derived one first. */
        public List<String> environmentNames() {
            List<String> names = new ArrayList<>();
            names.add(environment());
            aliases.stream().filter(a -> !a.equals(names.get(0))).forEach(names::add);
            return names;
        }

        /** The default as a reader should see it: "—" when unset. */
        public String documentedDefault() {
            return shownDefault != null ? shownDefault : value == null ? "—" : "`" + value + "`";
        }
    }

    private static final List<Key> KEYS = new ArrayList<>();

    static {
        key("http.host", "127.0.0.1", null, "HTTP bind address (use 0.0.0.0 behind a reverse proxy)");
        key("http.port", "8080", null, "HTTP port (0 = a free port)", "BOURTOL_HTTP_PORT");
        key("http.publicUrl", null, null, "Public base URL Twilio calls; webhook signatures are computed over it", "BOURTOL_PUBLIC_URL");
        key("http.maxBodyBytes", "1048576", null, "Largest HTTP request body");
        key("dataDir", "./bourtol-data", null, "Data directory (embedded Kafka, MQTT broker, pseudonym key, spool)", "BOURTOL_DATA_DIR");
        key("kafka.bootstrap", null, null, "External Kafka bootstrap servers (ignored with --embedded)", "BOURTOL_KAFKA_BOOTSTRAP");
        key("kafka.securityProtocol", "PLAINTEXT", null, "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
        key("kafka.saslMechanism", "PLAIN", null, "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
        key("kafka.username", null, null, "SASL user");
        key("kafka.password", null, null, "SASL password (secret)");
        key("kafka.truststorePath", null, null, "Trust store for Kafka TLS");
        key("kafka.truststorePassword", null, null, "Trust store password (secret)");
        key("kafka.embeddedPort", "9092", null, "Embedded Kafka port on 127.0.0.1 (0 = free)", "BOURTOL_EMBEDDED_KAFKA_PORT");
        key("kafka.replicationFactor", null, "— (1 embedded, else min(3, brokers))", "Replicas of the topics Bourtol creates; more than the cluster's brokers is refused at start ([docs/operations.md](docs/operations.md))");
        key("kafka.minInsyncReplicas", null, "— (2 when the factor is ≥ 3, else 1)", "`min.insync.replicas` of those topics");
        key("kafka.observationPartitions", "3", null, "Partitions of `bourtol.observations.v1` when created: the most rules instances that can work at once");
        key("kafka.observationRetentionDays", String.valueOf(BourtolConfig.Kafka.DEFAULT_OBSERVATION_RETENTION_DAYS), null, "Days `bourtol.observations.v1` keeps observations (how far back a backtest can replay)");
        key("kafka.sessionTimeoutSeconds", String.valueOf(BourtolConfig.Kafka.DEFAULT_SESSION_TIMEOUT_SECONDS), null,
                "Seconds before a crashed instance's rules tasks or notifier ownership move to another (Kafka's `session.timeout.ms`; the broker allows 6–300 by default)");
        key("mqtt.url", null, null, "External MQTT broker: tcp://, ssl://, mqtt:// or mqtts:// (ignored with --embedded)", "BOURTOL_MQTT_URL");
        key("mqtt.username", null, null, "MQTT user", "BOURTOL_MQTT_USERNAME");
        key("mqtt.password", null, null, "MQTT password (secret)", "BOURTOL_MQTT_PASSWORD");
        key("mqtt.truststorePath", null, null, "Trust store for MQTT TLS");
        key("mqtt.truststorePassword", null, null, "Trust store password (secret)");
        key("mqtt.keystorePath", null, null, "Key store with a client certificate, for external brokers that require one (PKCS12 or JKS)");
        key("mqtt.keystorePassword", null, null, "Client key store password (secret)");
        key("mqtt.notifierUsername", null, "— (mqtt.username)", "The notifier's own MQTT user (the only writer of the alert topics) when ingest and the notifier share a configuration");
        key("mqtt.notifierPassword", null, "— (mqtt.password)", "The notifier's MQTT password (secret)");
        key("mqtt.clientId", "bourtol-ingest", null, "Ingest's MQTT client id (persistent session)");
        key("mqtt.prefix", "bourtol/v1", null, "Topic prefix of Bourtol's MQTT topics");
        key("mqtt.sharedGroup", null, null, "Shared-subscription group ($share/<group>/…) to split load across ingest instances");
        key("mqtt.embeddedPort", "1883", null, "Embedded MQTT broker port (0 = free)", "BOURTOL_EMBEDDED_MQTT_PORT");
        key("mqtt.embeddedHost", "127.0.0.1", null, "Address the embedded MQTT broker listens on: 0.0.0.0 for field gateways (every client authenticates; anonymous access is always refused)");
        key("mqtt.embeddedUsersFile", null, "— (`<dataDir>/mqtt-users.properties`)", "Embedded broker's accounts, `user=password` lines, mode 0600; Bourtol's own accounts are generated into it at first start ([docs/mqtt.md](docs/mqtt.md))");
        key("mqtt.embeddedKeystorePath", null, null, "Key store (PKCS12 or JKS) with the embedded broker's certificate: opens a TLS listener");
        key("mqtt.embeddedKeystorePassword", null, null, "Its password (secret)");
        key("mqtt.embeddedTlsPort", "8883", null, "Port of the embedded broker's TLS listener (with a key store; 0 = free)");
        key("mqtt.lorawanChirpstack", "true", null, "Accept ChirpStack uplinks");
        key("mqtt.lorawanTts", "true", null, "Accept The Things Stack uplinks");
        key("mqtt.maxPayloadBytes", "16384", null, "Largest MQTT payload accepted");
        key("mqtt.maxInflight", "100", null, "Paho in-flight window");
        key("twilio.accountSid", null, null, "Twilio account SID (AC…)", "TWILIO_ACCOUNT_SID");
        key("twilio.authToken", null, null, "Twilio auth token (secret; also validates webhooks)", "TWILIO_AUTH_TOKEN");
        key("twilio.from", null, null, "Sender number (E.164)", "TWILIO_FROM");
        key("twilio.messagingServiceSid", null, null, "Messaging service SID (MG…), instead of from", "TWILIO_MESSAGING_SERVICE_SID");
        key("twilio.apiBaseUrl", null, null, "Send the SDK's requests to a Twilio-compatible server (a mock) instead of api.twilio.com", "TWILIO_API_BASE_URL");
        key("influx.url", null, null, "InfluxDB v1 API URL; unset = time-series sink off", "BOURTOL_INFLUX_URL");
        key("influx.database", "bourtol", null, "InfluxDB database", "BOURTOL_INFLUX_DATABASE");
        key("influx.username", null, null, "InfluxDB user", "BOURTOL_INFLUX_USERNAME");
        key("influx.password", null, null, "InfluxDB password (secret)", "BOURTOL_INFLUX_PASSWORD");
        key("influx.token", null, null, "InfluxDB token (secret; 2.x/3.x v1 compatibility)", "BOURTOL_INFLUX_TOKEN");
        key("influx.retention", "365d", null, "Retention policy duration (90d, 52w, INF)");
        key("influx.batchSize", "1000", null, "Points per write");
        key("influx.flushInterval", "PT1S", null, "Write flush interval");
        key("security.adminToken", null, null, "First admin bearer token (secret, ≥16 chars); generated and printed in embedded mode when unset", "BOURTOL_ADMIN_TOKEN");
        key("security.pseudonymKey", null, null, "HMAC key for reporter pseudonyms (secret, ≥16 chars); required unless embedded (then kept in dataDir/pseudonym.key)", "BOURTOL_PSEUDONYM_KEY");
        key("ingest.smsPerSenderPerHour", "30", null, "SMS accepted per sender per hour");
        key("ingest.maxRepliesPerHour", "1000", null, "SMS replies (receipts) of the whole account per rolling hour (0: none); over it inbound SMS are still kept and processed but answered with nothing, see docs/security.md");
        key("ingest.maxBatchItems", "1000", null, "Items per HTTP batch");
        key("ingest.spoolDrainInterval", "PT2S", null, "Spool retry interval while Kafka is unreachable");
        key("rules.applicationId", "bourtol-rules", null, "Kafka Streams application id");
        key("rules.grace", "PT1H", null, "Late-event grace period");
        key("rules.unverifiedWeight", "0.5", null, "Weight of a report from an unverified sender (verified = 1)");
        key("rules.standbyReplicas", "0", null, "Kafka Streams standby replicas: warm state copies on other rules instances for fast failover");
        key("rules.stateExpiry", "P30D", null, "The rules forget the state of a herd, station or place silent this long (unless its rule is firing), so state does not grow with every herd ever seen");
        key("rules.updateInterval", "PT0.1S", null,
                "An active alert's updates that keep its severity (new evidence, a new level) are published at most about once per this interval, the latest state; the first at once; raising, a change of severity, resolving and acknowledging never wait. A firing source's updates that change only its measure reach the lifecycle at most about once per interval too. PT0S: every update at once. See docs/rules.md");
        key("notifier.groupWindow", "PT30S", null, "Alerts to one recipient within this window are grouped in one SMS");
        key("notifier.extremeWindow", "PT0S", null, "How long an Extreme alert's SMS waits before it goes (an Extreme item is never grouped, so by default it does not wait; at most `notifier.groupWindow`), see docs/notifier.md");
        key("notifier.repeatInterval", "PT1H", null, "Repeat an unacknowledged alert after");
        key("notifier.maxSmsPerRecipientPerHour", "10", null, "SMS cap per recipient per hour");
        key("notifier.maxSmsPerHour", "1000", null, "SMS cap for the whole account per rolling hour (0: none); once reached, only Extreme alerts go out (and count), admins (recipients with role `admin`) get one SMS, see docs/notifier.md");
        key("notifier.timezone", "Africa/Bamako", null, "Time zone for quiet hours and SMS times");
        key("notifier.instanceId", null, null, "Notifier instance id, unique per instance and stable across restarts (its static Kafka group membership); default: `notifier-` and the id kept in `<dataDir>/kafka-member.id`");
        key("notifier.templatesDir", null, null, "Directory of `templates_<lang>.properties` SMS texts, used before the bundled fr/en; a new file adds a language ([docs/notifier.md](docs/notifier.md#adding-a-language-for-translators)). Must exist");
        key("notifier.escalationPolicyFile", null, "— (built-in)", "JSON escalation policy replacing the built-in one ([format](docs/notifier.md#escalation-policy-data)). Must exist", "BOURTOL_NOTIFIER_ESCALATION_POLICY");
        key("notifier.warningOffice", null, "`bourtol@<public host>`", "CAP sender of officer-issued warnings, the issuing office ([docs/warnings.md](docs/warnings.md))");
        key("notifier.warningAuthorMaySend", "false", null, "The author of a Minor or Moderate warning may approve it alone; Severe and Extreme always need a second officer or an admin");
        key("reports.settleDays", "30", null,
                "Days after a month's end during which its alerts' follow-ups (SMS, acknowledgements, actions, outcomes) still count; then the month is closed and its report final ([docs/reports.md](docs/reports.md#closed-months))");
    }

    private ConfigKeys() {
    }

    private static void key(String name, String value, String shownDefault, String meaning, String... aliases) {
        KEYS.add(new Key(name, value, shownDefault, meaning, List.of(aliases)));
    }

    /** Every key, in documentation order. */
    public static List<Key> all() {
        return List.copyOf(KEYS);
    }

    /** The README's configuration table. */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| key | environment | default | meaning |\n|---|---|---|---|\n");
        for (Key k : KEYS) {
            b.append("| `").append(k.name()).append("` | ")
                    .append(String.join(", ", k.environmentNames().stream().map(n -> "`" + n + "`").toList()))
                    .append(" | ").append(k.documentedDefault()).append(" | ").append(k.meaning()).append(" |\n");
        }
        return b.toString();
    }
}
