package org.bourtol.contracts.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The whole configuration, one record per section. Built only by {@link ConfigLoader}; sections with
 * secrets redact them in {@code toString()}. Null means "not configured" for optional values.
 */
public record BourtolConfig(Http http, Path dataDir, Kafka kafka, Mqtt mqtt, Twilio twilio, Influx influx,
        Security security, Ingest ingest, Rules rules, Notifier notifier, Reports reports) {

    /**
     * Monthly reports. {@code settleDays}: follow-ups (SMS, acknowledgements, actions, outcomes) of a month's
     * alerts count up to this many days after the month's end; from then on the month is closed and its
     * report final (docs/reports.md).
     */
    public record Reports(int settleDays) {
    }

    static String redact(String secret) {
        return secret == null ? null : "***";
    }

    /** HTTP server. {@code publicUrl} is the base URL Twilio calls (signatures are computed over it). */
    public record Http(String host, int port, String publicUrl, int maxBodyBytes) {
    }

    /**
     * Kafka. {@code bootstrap} null means embedded mode picks it. {@code replicationFactor} and
     * {@code minInsyncReplicas} null mean "derived from the cluster at startup" (1 on the embedded broker, else
     * min(3, brokers) and 2 when the factor is at least 3); {@code observationPartitions} is the partition count of
     * the observations topic when Bourtol creates it, and so the rules' parallelism.
     */
    public record Kafka(String bootstrap, String securityProtocol, String saslMechanism, String username, String password,
            String truststorePath, String truststorePassword, int embeddedPort, Integer replicationFactor,
            Integer minInsyncReplicas, int observationPartitions, int observationRetentionDays,
            int sessionTimeoutSeconds) {

        /** Days of observations kept in Kafka by default: a whole season (about 200 days) can be backtested from Kafka alone. */
        public static final int DEFAULT_OBSERVATION_RETENTION_DAYS = 200;

        /**
         * Seconds without a heartbeat before Kafka gives a dead instance's partitions (rules tasks, notifier
         * ownership) to another: Kafka's own default is 45 s, which is how long warnings would wait after a crash.
         */
        public static final int DEFAULT_SESSION_TIMEOUT_SECONDS = 15;

        /** Topic layout derived from the cluster, the observations topic with 3 partitions. */
        public Kafka(String bootstrap, String securityProtocol, String saslMechanism, String username, String password,
                     String truststorePath, String truststorePassword, int embeddedPort) {
            this(bootstrap, securityProtocol, saslMechanism, username, password, truststorePath, truststorePassword, embeddedPort,
                    null, null, 3, DEFAULT_OBSERVATION_RETENTION_DAYS, DEFAULT_SESSION_TIMEOUT_SECONDS);
        }

        @Override
        public String toString() {
            return "Kafka[bootstrap=" + bootstrap + ", securityProtocol=" + securityProtocol + ", saslMechanism=" + saslMechanism
                    + ", username=" + username + ", password=" + redact(password) + ", truststorePath=" + truststorePath
                    + ", truststorePassword=" + redact(truststorePassword) + ", embeddedPort=" + embeddedPort
                    + ", replicationFactor=" + replicationFactor + ", minInsyncReplicas=" + minInsyncReplicas
                    + ", observationPartitions=" + observationPartitions + ", observationRetentionDays=" + observationRetentionDays + "]";
        }
    }

    /** MQTT client (and the embedded broker's port). {@code sharedGroup} null means a plain subscription. */
    public record Mqtt(String url, String username, String password, String truststorePath, String truststorePassword,
            String clientId, String prefix, String sharedGroup, int embeddedPort, boolean lorawanChirpstack,
            boolean lorawanTts, int maxPayloadBytes, int maxInflight, String notifierUsername, String notifierPassword,
            String keystorePath, String keystorePassword, String embeddedHost, String embeddedUsersFile,
            String embeddedKeystorePath, String embeddedKeystorePassword, int embeddedTlsPort) {

        /** Without client certificates, a notifier account of its own or embedded-broker listener settings. */
        public Mqtt(String url, String username, String password, String truststorePath, String truststorePassword,
                    String clientId, String prefix, String sharedGroup, int embeddedPort, boolean lorawanChirpstack,
                    boolean lorawanTts, int maxPayloadBytes, int maxInflight) {
            this(url, username, password, truststorePath, truststorePassword, clientId, prefix, sharedGroup, embeddedPort,
                    lorawanChirpstack, lorawanTts, maxPayloadBytes, maxInflight, null, null, null, null, "127.0.0.1", null, null, null, 8883);
        }

        /** The same settings with another MQTT account. */
        public Mqtt withCredentials(String user, String secret) {
            return new Mqtt(url, user, secret, truststorePath, truststorePassword, clientId, prefix, sharedGroup, embeddedPort,
                    lorawanChirpstack, lorawanTts, maxPayloadBytes, maxInflight, notifierUsername, notifierPassword, keystorePath,
                    keystorePassword, embeddedHost, embeddedUsersFile, embeddedKeystorePath, embeddedKeystorePassword, embeddedTlsPort);
        }

        /** The settings the notifier connects with: its own account when {@code mqtt.notifierUsername} is set. */
        public Mqtt forNotifier() {
            return notifierUsername == null ? this : withCredentials(notifierUsername, notifierPassword);
        }

        @Override
        public String toString() {
            return "Mqtt[url=" + url + ", username=" + username + ", password=" + redact(password) + ", truststorePath="
                    + truststorePath + ", truststorePassword=" + redact(truststorePassword) + ", clientId=" + clientId
                    + ", prefix=" + prefix + ", sharedGroup=" + sharedGroup + ", embeddedPort=" + embeddedPort
                    + ", lorawanChirpstack=" + lorawanChirpstack + ", lorawanTts=" + lorawanTts
                    + ", maxPayloadBytes=" + maxPayloadBytes + ", maxInflight=" + maxInflight
                    + ", notifierUsername=" + notifierUsername + ", notifierPassword=" + redact(notifierPassword)
                    + ", keystorePath=" + keystorePath + ", keystorePassword=" + redact(keystorePassword)
                    + ", embeddedHost=" + embeddedHost + ", embeddedUsersFile=" + embeddedUsersFile
                    + ", embeddedKeystorePath=" + embeddedKeystorePath + ", embeddedKeystorePassword=" + redact(embeddedKeystorePassword)
                    + ", embeddedTlsPort=" + embeddedTlsPort + "]";
        }
    }

    /** Twilio. {@code apiBaseUrl} null means the real https://api.twilio.com. */
    public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid, String apiBaseUrl) {
        public boolean configured() {
            return accountSid != null && authToken != null && (from != null || messagingServiceSid != null);
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=" + redact(authToken) + ", from=" + from
                    + ", messagingServiceSid=" + messagingServiceSid + ", apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    /** InfluxDB (v1 API). {@code url} null turns the sink off. */
    public record Influx(String url, String database, String username, String password, String token, String retention,
            int batchSize, Duration flushInterval) {
        public boolean enabled() {
            return url != null;
        }

        @Override
        public String toString() {
            return "Influx[url=" + url + ", database=" + database + ", username=" + username + ", password=" + redact(password)
                    + ", token=" + redact(token) + ", retention=" + retention + ", batchSize=" + batchSize
                    + ", flushInterval=" + flushInterval + "]";
        }
    }

    /** Secrets for the API and pseudonyms. Null values are generated and persisted under dataDir in embedded mode. */
    public record Security(String adminToken, String pseudonymKey) {
        @Override
        public String toString() {
            return "Security[adminToken=" + redact(adminToken) + ", pseudonymKey=" + redact(pseudonymKey) + "]";
        }
    }

    /**
     * Ingest limits. {@code maxRepliesPerHour} caps the SMS replies (TwiML receipts) of the whole account per
     * rolling hour (0: no cap); over it an inbound SMS is still kept and processed, only answered with nothing.
     */
    public record Ingest(int smsPerSenderPerHour, int maxBatchItems, Duration spoolDrainInterval, int maxRepliesPerHour) {

        /** Without the account-wide reply cap (its default applies: none). */
        public Ingest(int smsPerSenderPerHour, int maxBatchItems, Duration spoolDrainInterval) {
            this(smsPerSenderPerHour, maxBatchItems, spoolDrainInterval, 0);
        }
    }

    /**
     * Rules engine. {@code unverifiedWeight} is the weight of a report from an unverified sender (verified = 1);
     * {@code standbyReplicas} is Kafka Streams' {@code num.standby.replicas}: warm copies of each state store kept
     * on other instances so that a failover does not rebuild the store from its changelog. {@code updateInterval}: an
     * active alert's updates that keep its severity are published at most about once per interval, the latest state
     * (zero: every update at once).
     */
    public record Rules(String applicationId, Duration grace, double unverifiedWeight, int standbyReplicas, Duration stateExpiry,
            Duration updateInterval) {

        /** State of a key (a herd, a station) silent this long is dropped unless its rule is firing (default). */
        public static final Duration DEFAULT_STATE_EXPIRY = Duration.ofDays(30);
        /** How often a hot alert's updates of the same severity are published at most (default). */
        public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMillis(100);

        public Rules {
            stateExpiry = stateExpiry == null || stateExpiry.isZero() ? DEFAULT_STATE_EXPIRY : stateExpiry;
            updateInterval = updateInterval == null ? DEFAULT_UPDATE_INTERVAL : updateInterval;
        }

        /** With the default update interval. */
        public Rules(String applicationId, Duration grace, double unverifiedWeight, int standbyReplicas, Duration stateExpiry) {
            this(applicationId, grace, unverifiedWeight, standbyReplicas, stateExpiry, DEFAULT_UPDATE_INTERVAL);
        }

        /** With the default state expiry. */
        public Rules(String applicationId, Duration grace, double unverifiedWeight, int standbyReplicas) {
            this(applicationId, grace, unverifiedWeight, standbyReplicas, DEFAULT_STATE_EXPIRY);
        }

        /** Without standby replicas (one instance). */
        public Rules(String applicationId, Duration grace, double unverifiedWeight) {
            this(applicationId, grace, unverifiedWeight, 0);
        }
    }

    /**
     * Notifier. {@code templatesDir} (null = bundled templates only) holds translator-edited
     * {@code templates_<lang>.properties} files used before the bundled ones; {@code escalationPolicyFile}
     * (null = built-in policy) replaces the escalation policy. Both exist when set (checked by the loader).
     * {@code warningOffice} is the CAP sender of officer-issued warnings (null = the feed's own sender,
     * {@code bourtol@<public host>}); {@code warningAuthorMaySend} lets the author of a Minor or Moderate
     * warning approve it alone (default false: every warning needs a second officer or an admin).
     * {@code maxSmsPerHour} caps the SMS of the whole account per rolling hour (0: no cap). {@code extremeWindow}
     * is how long an Extreme item waits before it goes (never longer than {@code groupWindow}; default none).
     */
    public record Notifier(Duration groupWindow, Duration repeatInterval, int maxSmsPerRecipientPerHour, ZoneId timezone,
            String instanceId, Path templatesDir, Path escalationPolicyFile, String warningOffice,
            boolean warningAuthorMaySend, int maxSmsPerHour, Duration extremeWindow) {

        public Notifier {
            extremeWindow = extremeWindow == null ? Duration.ZERO : extremeWindow;
        }

        /** Without an Extreme window (Extreme items go at once). */
        public Notifier(Duration groupWindow, Duration repeatInterval, int maxSmsPerRecipientPerHour, ZoneId timezone,
                        String instanceId, Path templatesDir, Path escalationPolicyFile, String warningOffice,
                        boolean warningAuthorMaySend, int maxSmsPerHour) {
            this(groupWindow, repeatInterval, maxSmsPerRecipientPerHour, timezone, instanceId, templatesDir, escalationPolicyFile,
                    warningOffice, warningAuthorMaySend, maxSmsPerHour, Duration.ZERO);
        }

        /** The wait of an Extreme item: {@code extremeWindow}, at most {@code groupWindow}. */
        public Duration effectiveExtremeWindow() {
            return extremeWindow.compareTo(groupWindow) < 0 ? extremeWindow : groupWindow;
        }

        /** Without the warning settings and the account cap (their defaults apply: none). */
        public Notifier(Duration groupWindow, Duration repeatInterval, int maxSmsPerRecipientPerHour, ZoneId timezone,
                        String instanceId, Path templatesDir, Path escalationPolicyFile) {
            this(groupWindow, repeatInterval, maxSmsPerRecipientPerHour, timezone, instanceId, templatesDir, escalationPolicyFile,
                    null, false, 0);
        }

        /** Without a templates directory or policy file (the bundled ones apply). */
        public Notifier(Duration groupWindow, Duration repeatInterval, int maxSmsPerRecipientPerHour, ZoneId timezone,
                        String instanceId) {
            this(groupWindow, repeatInterval, maxSmsPerRecipientPerHour, timezone, instanceId, null, null);
        }
    }
}
