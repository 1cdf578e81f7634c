package org.bourtol.contracts.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads {@link BourtolConfig} from defaults, then a YAML file, then environment variables (highest
 * precedence). Every key {@code a.bKey} can be set by {@code BOURTOL_A_B_KEY}; the documented aliases
 * ({@code BOURTOL_KAFKA_BOOTSTRAP}, {@code TWILIO_AUTH_TOKEN}, …) are aliases. All problems (unknown
 * keys, bad types, bad values) are collected and thrown together in one {@link ConfigException}.
 * Pure: the caller passes the file text and the environment map.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** key → default (null = unset), from {@link ConfigKeys}. */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    /** Extra environment names → key, from {@link ConfigKeys}. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        for (ConfigKeys.Key k : ConfigKeys.all()) {
            DEFAULTS.put(k.name(), k.value());
            k.aliases().forEach(alias -> ALIASES.put(alias, k.name()));
        }
    }

    private ConfigLoader() {
    }

    /** The environment variable derived from a key: {@code mqtt.sharedGroup} → {@code BOURTOL_MQTT_SHARED_GROUP}. */
    public static String envName(String key) {
        return new ConfigKeys.Key(key, null, null, null, List.of()).environment();
    }

    /** Every environment variable the loader reads: the one derived from each key, and the short aliases. */
    public static java.util.Set<String> environmentNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(ALIASES.keySet());
        DEFAULTS.keySet().forEach(k -> names.add(envName(k)));
        return java.util.Collections.unmodifiableSet(names);
    }

    /** Every known key with its default ({@link ConfigKeys} documents them). */
    public static Map<String, String> defaults() {
        return java.util.Collections.unmodifiableMap(DEFAULTS);
    }

    /** Reads the file (if given) and loads; an unreadable file is one of the problems reported. */
    public static BourtolConfig load(Optional<Path> file, Map<String, String> env) {
        String text = null;
        List<String> problems = new ArrayList<>();
        if (file.isPresent()) {
            try {
                text = Files.readString(file.get());
            } catch (IOException e) {
                problems.add("cannot read config file " + file.get() + ": " + e.getMessage());
            }
        }
        return load(text, env, problems);
    }

    public static BourtolConfig load(String yamlText, Map<String, String> env) {
        return load(yamlText, env, new ArrayList<>());
    }

    private static BourtolConfig load(String yamlText, Map<String, String> env, List<String> problems) {
        Map<String, String> raw = new LinkedHashMap<>(DEFAULTS);
        if (yamlText != null && !yamlText.isBlank()) {
            try {
                JsonNode root = YAML.readTree(yamlText);
                if (root != null && !root.isMissingNode() && !root.isNull()) {
                    if (!root.isObject()) {
                        problems.add("config file must be a YAML mapping of sections");
                    } else {
                        flatten("", root, raw, problems);
                    }
                }
            } catch (IOException e) {
                problems.add("config file is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        for (String key : DEFAULTS.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                raw.put(key, v);
            }
        }
        ALIASES.forEach((alias, key) -> {
            String v = env.get(alias);
            if (v != null) {
                raw.put(key, v);
            }
        });
        Reader r = new Reader(raw, problems);
        BourtolConfig.Http http = new BourtolConfig.Http(
                r.str("http.host"), r.port("http.port"), r.url("http.publicUrl", "http", "https"), r.intIn("http.maxBodyBytes", 1024, 64 << 20));
        BourtolConfig.Kafka kafka = new BourtolConfig.Kafka(
                r.str("kafka.bootstrap"), r.oneOf("kafka.securityProtocol", "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
                r.oneOf("kafka.saslMechanism", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
                r.str("kafka.username"), r.str("kafka.password"), r.file("kafka.truststorePath"), r.str("kafka.truststorePassword"),
                r.port("kafka.embeddedPort"), r.optionalIntIn("kafka.replicationFactor", 1, 16),
                r.optionalIntIn("kafka.minInsyncReplicas", 1, 16), r.intIn("kafka.observationPartitions", 1, 1024),
                r.intIn("kafka.observationRetentionDays", 1, 3650), r.intIn("kafka.sessionTimeoutSeconds", 6, 300));
        if (kafka.replicationFactor() != null && kafka.minInsyncReplicas() != null
                && kafka.minInsyncReplicas() > kafka.replicationFactor()) {
            problems.add("kafka.minInsyncReplicas (BOURTOL_KAFKA_MIN_INSYNC_REPLICAS): " + kafka.minInsyncReplicas()
                    + " is more than kafka.replicationFactor " + kafka.replicationFactor() + "; no write could succeed");
        }
        BourtolConfig.Mqtt mqtt = new BourtolConfig.Mqtt(
                r.url("mqtt.url", "tcp", "ssl", "mqtt", "mqtts"), r.str("mqtt.username"), r.str("mqtt.password"),
                r.file("mqtt.truststorePath"), r.str("mqtt.truststorePassword"), r.str("mqtt.clientId"), r.topicPrefix("mqtt.prefix"),
                r.str("mqtt.sharedGroup"), r.port("mqtt.embeddedPort"), r.bool("mqtt.lorawanChirpstack"), r.bool("mqtt.lorawanTts"),
                r.intIn("mqtt.maxPayloadBytes", 256, 256 << 10), r.intIn("mqtt.maxInflight", 1, 65535),
                r.str("mqtt.notifierUsername"), r.str("mqtt.notifierPassword"), r.file("mqtt.keystorePath"), r.str("mqtt.keystorePassword"),
                r.str("mqtt.embeddedHost"), r.str("mqtt.embeddedUsersFile"), r.file("mqtt.embeddedKeystorePath"),
                r.str("mqtt.embeddedKeystorePassword"), r.port("mqtt.embeddedTlsPort"));
        BourtolConfig.Twilio twilio = new BourtolConfig.Twilio(
                r.matching("twilio.accountSid", "AC[0-9a-fA-F]{32}", "AC followed by 32 hex digits"), r.str("twilio.authToken"),
                r.matching("twilio.from", "\\+[1-9]\\d{6,14}", "an E.164 number such as +15005550006"),
                r.matching("twilio.messagingServiceSid", "MG[0-9a-fA-F]{32}", "MG followed by 32 hex digits"),
                r.url("twilio.apiBaseUrl", "http", "https"));
        BourtolConfig.Influx influx = new BourtolConfig.Influx(
                r.url("influx.url", "http", "https"), r.str("influx.database"), r.str("influx.username"), r.str("influx.password"),
                r.str("influx.token"), r.matching("influx.retention", "\\d+[hdw]|INF", "a duration such as 90d, 52w or INF"),
                r.intIn("influx.batchSize", 1, 100_000), r.duration("influx.flushInterval"));
        BourtolConfig.Security security = new BourtolConfig.Security(r.str("security.adminToken"), r.str("security.pseudonymKey"));
        if (security.adminToken() != null && security.adminToken().length() < 16) {
            problems.add("security.adminToken (BOURTOL_ADMIN_TOKEN) must be at least 16 characters");
        }
        if (security.pseudonymKey() != null && security.pseudonymKey().length() < 16) {
            problems.add("security.pseudonymKey (BOURTOL_PSEUDONYM_KEY) must be at least 16 characters");
        }
        BourtolConfig.Ingest ingest = new BourtolConfig.Ingest(
                r.intIn("ingest.smsPerSenderPerHour", 1, 100_000), r.intIn("ingest.maxBatchItems", 1, 100_000),
                r.duration("ingest.spoolDrainInterval"), r.intIn("ingest.maxRepliesPerHour", 0, 1_000_000));
        BourtolConfig.Rules rules = new BourtolConfig.Rules(
                r.str("rules.applicationId"), r.duration("rules.grace"), r.doubleIn("rules.unverifiedWeight", 0, 1),
                r.intIn("rules.standbyReplicas", 0, 8), r.duration("rules.stateExpiry"), r.duration("rules.updateInterval"));
        BourtolConfig.Notifier notifier = new BourtolConfig.Notifier(
                r.duration("notifier.groupWindow"), r.duration("notifier.repeatInterval"),
                r.intIn("notifier.maxSmsPerRecipientPerHour", 1, 10_000), r.zone("notifier.timezone"), r.str("notifier.instanceId"),
                r.directory("notifier.templatesDir"), r.existingFile("notifier.escalationPolicyFile"),
                r.str("notifier.warningOffice"), r.bool("notifier.warningAuthorMaySend"),
                r.intIn("notifier.maxSmsPerHour", 0, 1_000_000), r.duration("notifier.extremeWindow"));
        BourtolConfig.Reports reports = new BourtolConfig.Reports(r.intIn("reports.settleDays", 0, 3650));
        Path dataDir = r.path("dataDir");
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BourtolConfig(http, dataDir, kafka, mqtt, twilio, influx, security, ingest, rules, notifier, reports);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> raw, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject() && !DEFAULTS.containsKey(key)) {
                flatten(key, v, raw, problems);
            } else if (!DEFAULTS.containsKey(key)) {
                problems.add("unknown key '" + key + "'");
            } else if (v.isContainerNode()) {
                problems.add(key + ": expected a single value, got " + (v.isArray() ? "a list" : "a mapping"));
            } else {
                raw.put(key, v.isNull() ? null : v.asText());
            }
        }
    }

    /** Typed reads that record a problem and return a neutral value instead of throwing. */
    private static final class Reader {
        private final Map<String, String> raw;
        private final List<String> problems;

        Reader(Map<String, String> raw, List<String> problems) {
            this.raw = raw;
            this.problems = problems;
        }

        private String label(String key) {
            return key + " (" + envName(key) + ")";
        }

        String str(String key) {
            String v = raw.get(key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        private <T> T parse(String key, T fallback, String expected, Function<String, T> parser) {
            String v = str(key);
            if (v == null) {
                return fallback;
            }
            try {
                return parser.apply(v);
            } catch (RuntimeException e) {
                problems.add(label(key) + ": expected " + expected + ", got '" + v + "'");
                return fallback;
            }
        }

        /** An integer in range, or null when the key is unset. */
        Integer optionalIntIn(String key, int min, int max) {
            return str(key) == null ? null : intIn(key, min, max);
        }

        int intIn(String key, int min, int max) {
            return numberIn(key, "an integer", Integer::valueOf, min, max);
        }

        int port(String key) {
            return intIn(key, 0, 65535);
        }

        double doubleIn(String key, double min, double max) {
            return numberIn(key, "a number", Double::valueOf, min, max);
        }

        /** The key's number ({@code min} when unset); a problem when it is out of {@code min..max} (still returned). */
        private <N extends Comparable<N>> N numberIn(String key, String expected, Function<String, N> parser, N min, N max) {
            N n = parse(key, null, expected, parser);
            if (n == null) {
                return min;
            }
            if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                problems.add(label(key) + ": " + n + " is out of range (" + min + ".." + max + ")");
            }
            return n;
        }

        boolean bool(String key) {
            return parse(key, false, "true or false", v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(v);
            });
        }

        Duration duration(String key) {
            return parse(key, Duration.ZERO, "an ISO-8601 duration such as PT30S or PT1H", v -> {
                Duration d = Duration.parse(v);
                if (d.isNegative()) {
                    throw new IllegalArgumentException();
                }
                return d;
            });
        }

        ZoneId zone(String key) {
            return parse(key, ZoneId.of("UTC"), "a time zone such as Africa/Bamako", ZoneId::of);
        }

        Path path(String key) {
            return parse(key, Path.of("."), "a path", Path::of);
        }

        String file(String key) {
            String v = str(key);
            if (v != null && !Files.isReadable(Path.of(v))) {
                problems.add(label(key) + ": file '" + v + "' is not readable");
            }
            return v;
        }

        /** An existing, readable directory, or null when unset. */
        Path directory(String key) {
            Path p = parse(key, null, "a path", Path::of);
            if (p != null && !(Files.isDirectory(p) && Files.isReadable(p))) {
                problems.add(label(key) + ": directory '" + p + "' " + (Files.exists(p) ? "is not a readable directory" : "does not exist"));
            }
            return p;
        }

        /** An existing, readable regular file, or null when unset. */
        Path existingFile(String key) {
            Path p = parse(key, null, "a path", Path::of);
            if (p != null && !(Files.isRegularFile(p) && Files.isReadable(p))) {
                problems.add(label(key) + ": file '" + p + "' " + (Files.exists(p) ? "is not a readable file" : "does not exist"));
            }
            return p;
        }

        String oneOf(String key, String... allowed) {
            String v = str(key);
            if (v != null && !List.of(allowed).contains(v)) {
                problems.add(label(key) + ": expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
            }
            return v;
        }

        String matching(String key, String regex, String expected) {
            String v = str(key);
            if (v != null && !v.matches(regex)) {
                problems.add(label(key) + ": expected " + expected + (key.contains("Sid") ? "" : ", got '" + v + "'"));
            }
            return v;
        }

        String topicPrefix(String key) {
            String v = str(key);
            if (v == null || v.contains("+") || v.contains("#") || v.startsWith("/") || v.endsWith("/")) {
                problems.add(label(key) + ": expected an MQTT topic prefix without wildcards or leading/trailing '/', got '" + v + "'");
            }
            return v;
        }

        String url(String key, String... schemes) {
            String v = str(key);
            if (v == null) {
                return null;
            }
            try {
                URI u = new URI(v);
                if (u.getScheme() == null || !List.of(schemes).contains(u.getScheme().toLowerCase(Locale.ROOT)) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                problems.add(label(key) + ": expected a URL with scheme " + String.join("/", schemes) + " and a host, got '" + v + "'");
            }
            return v;
        }
    }
}
