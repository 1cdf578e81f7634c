package org.bourtol.launcher.instance;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.embedded.EmbeddedKafka;
import org.bourtol.embedded.EmbeddedMqtt;
import org.bourtol.embedded.MqttAccess;
import org.bourtol.ingest.IngestComponent;
import org.bourtol.launcher.console.Console;
import org.bourtol.notifier.NotifierComponent;
import org.bourtol.platform.Component;
import org.bourtol.platform.Metrics;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicLayout;
import org.bourtol.rules.RulesComponent;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.timeseries.TimeSeriesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Bourtol: (embedded or external) Kafka and MQTT, the topic catalogue, the API token
 * directory, {@code /health} and {@code /metrics}, the selected components (started ingest → rules
 * → notifier → timeseries, stopped in reverse) and the HTTP server. Used by {@code bourtol run},
 * the single-component commands, the demo and the integration tests:
 *
 * <pre>{@code
 * try (Instance p = Instance.start(Instance.Options.embedded(env))) {
 *     p.httpPort(); p.kafkaBootstrap(); p.mqttUrl(); p.adminToken();
 * }
 * }</pre>
 *
 * {@link #start} blocks until ready; configuration problems surface as one {@link ConfigException}.
 */
public final class Instance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);
    private static final Duration COMPONENT_START = Duration.ofSeconds(90);

    /** The deployable parts, in start order. */
    public enum Part { INGEST, RULES, NOTIFIER, TIMESERIES }

    /**
     * How to start: config file (optional) and environment; {@code embedded} starts Kafka and MQTT in
     * this JVM; {@code parts} selects the components; {@code console} receives the generated admin
     * token (null: not printed).
     */
    public record Options(Optional<Path> configFile, Map<String, String> env, boolean embedded, Set<Part> parts, PrintStream console) {
        public Options {
            env = Map.copyOf(env);
            parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        }

        /** Embedded Kafka and MQTT, every component, no config file. */
        public static Options embedded(Map<String, String> env) {
            return new Options(Optional.empty(), env, true, EnumSet.allOf(Part.class), null);
        }
    }

    private final Options options;
    private final long startedNanos = System.nanoTime();
    private EmbeddedKafka embeddedKafka;
    private EmbeddedMqtt embeddedMqtt;
    private Map<String, String> mqttUsers = Map.of();
    private BourtolConfig config;
    private String adminToken;
    private KafkaClients kafka;
    private Vertx vertx;
    private HealthRegistry health;
    private KafkaHealth kafkaHealth;
    private MqttHealth mqttHealth;
    private TopicTable<ApiToken> tokens;
    private final List<Component> components = new ArrayList<>();
    private HttpServer server;
    private Router router;
    private Console console;
    private LocalTwilioServer localTwilio;
    private long readyMillis;

    private Instance(Options options) {
        this.options = options;
    }

    /** Starts everything and returns when ready (HTTP listening); on failure, whatever started is stopped. */
    public static Instance start(Options options) {
        Instance p = new Instance(options);
        try {
            p.doStart();
            return p;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private void doStart() {
        BourtolConfig base = ConfigLoader.load(options.configFile(), options.env());
        Map<String, String> env = new HashMap<>(options.env());
        boolean generatedToken = false;
        Preflight.check(base, options.embedded(), options.parts());
        if (options.embedded()) {
            if (base.security().adminToken() == null) {
                env.put("BOURTOL_ADMIN_TOKEN", Secrets.randomToken());
                generatedToken = true;
            }
            if (base.security().pseudonymKey() == null) {
                env.put("BOURTOL_PSEUDONYM_KEY", Secrets.pseudonymKey(base.dataDir()));
            }
            mqttUsers = MqttUsers.load(MqttUsers.file(base));
            startBrokers(base);
            env.put("BOURTOL_KAFKA_BOOTSTRAP", embeddedKafka.bootstrap());
            env.put("BOURTOL_MQTT_URL", embeddedMqtt.url());
            // Bourtol's own components use their own accounts on the embedded broker (docs/mqtt.md)
            env.put("BOURTOL_MQTT_USERNAME", MqttAccess.INGEST);
            env.put("BOURTOL_MQTT_PASSWORD", mqttUsers.get(MqttAccess.INGEST));
            env.put("BOURTOL_MQTT_NOTIFIER_USERNAME", MqttAccess.NOTIFIER);
            env.put("BOURTOL_MQTT_NOTIFIER_PASSWORD", mqttUsers.get(MqttAccess.NOTIFIER));
        }
        config = ConfigLoader.load(options.configFile(), env);
        if (config.security().pseudonymKey() != null) {
            Secrets.verifyPseudonymKey(config.dataDir(), config.security().pseudonymKey());
        }
        adminToken = config.security().adminToken();
        LOG.info("configuration loaded [embedded: {}, parts: {}, kafka: {}, mqtt: {}]",
                options.embedded(), options.parts(), config.kafka(), config.mqtt());
        kafka = new KafkaClients(config.kafka());
        vertx = Vertx.vertx();
        health = new HealthRegistry();
        kafkaHealth = new KafkaHealth(vertx, kafka).start();
        if (!options.embedded()) {
            kafkaHealth.awaitUp(Duration.ofSeconds(30));
        }
        health.register("kafka", kafkaHealth::status);
        // only ingest and the notifier talk to the MQTT broker: rules or the sink alone must not turn
        // unhealthy because they have no MQTT account (a production broker refuses anonymous clients)
        if (options.embedded() || options.parts().contains(Part.INGEST) || options.parts().contains(Part.NOTIFIER)) {
            mqttHealth = options.embedded()
                    ? MqttHealth.embedded(vertx, config.mqtt(), () -> {
                        EmbeddedMqtt broker = embeddedMqtt;
                        return broker != null && broker.running();
                    })
                    : MqttHealth.external(vertx, config.mqtt());
            health.register("mqtt", mqttHealth::status);
        }

        TopicLayout layout = TopicLayout.resolve(config.kafka(), options.embedded(),
                options.embedded() ? 1 : kafkaHealth.brokerCount());
        LOG.info("topic layout [replicationFactor: {}, minInsyncReplicas: {}, observationPartitions: {}]",
                layout.replicationFactor(), layout.minInsyncReplicas(), layout.observationPartitions());
        TopicsReady.ensure(kafka, layout, Duration.ofSeconds(60));

        ApiAuth auth = new ApiAuth(adminToken);
        tokens = new TopicTable<>(kafka, Topics.TOKENS).onChange((hash, token) -> {
            if (token == null) {
                auth.remove(hash);
            } else {
                auth.put(token);
            }
        }).start(); // loads while the components start; awaited before the HTTP server accepts requests

        router = Router.router(vertx);
        ApiErrors.install(router);
        health.mount(router, header -> auth.authenticate(header)
                .map(t -> org.bourtol.platform.http.Role.parse(t.role()).includes(org.bourtol.platform.http.Role.VIEWER)).orElse(false));
        Metrics metrics = new Metrics();
        metrics.mount(router);
        console = Console.start(router, auth, kafka, config.notifier().timezone(),
                java.time.Duration.ofDays(config.reports().settleDays()), config.influx());
        Pseudonyms pseudonyms = config.security().pseudonymKey() == null ? null : new Pseudonyms(config.security().pseudonymKey());
        for (Part part : options.parts()) {
            components.add(switch (part) {
                case INGEST -> new IngestComponent(vertx, router, config, kafka, auth, metrics.registry(), pseudonyms);
                case RULES -> new RulesComponent(vertx, router, config, kafka, auth, metrics.registry(), layout,
                        new DryRunForecast(config, kafka), InfluxInputs.of(config));
                case NOTIFIER -> {
                    NotifierComponent n = new NotifierComponent(vertx, router, config, kafka, auth, metrics.registry(), pseudonyms);
                    yield options.embedded() && !config.twilio().configured() ? n.sendToLocalServer(startLocalTwilio().baseUrl()) : n;
                }
                case TIMESERIES -> new TimeSeriesComponent(vertx, config, kafka, metrics.registry());
            });
        }
        components.forEach(c -> c.registerHealth(health));
        for (Component c : components) {
            long t0 = System.nanoTime();
            Steps.await(c.start(), COMPONENT_START, c.name() + " start");
            LOG.info("component started [name: {}, ms: {}]", c.name(), (System.nanoTime() - t0) / 1_000_000);
        }
        awaitTokens();
        // a form attribute may be as large as the SMS webhook's body (64 KB): Vert.x's 8 KB default refused a 1,600-character
        // concatenated SMS in a non-Latin script (each character URL-encoded to 6-12 bytes) with a bare 400 that Twilio does not retry
        HttpServerOptions serverOptions = new HttpServerOptions().setCompressionSupported(true).setMaxFormAttributeSize(64 * 1024);
        server = Steps.await(vertx.createHttpServer(serverOptions).requestHandler(router).listen(config.http().port(), config.http().host()),
                Duration.ofSeconds(10), "HTTP listen on " + config.http().host() + ":" + config.http().port());
        readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        if (generatedToken && options.console() != null) {
            options.console().println("Admin token (generated for this run; set BOURTOL_ADMIN_TOKEN to choose one): " + adminToken);
        }
        LOG.info("bourtol ready [http: {}:{}, components: {}, ms: {}]", config.http().host(), httpPort(),
                components.stream().map(Component::name).toList(), readyMillis);
    }

    private void startBrokers(BourtolConfig base) {
        Path dataDir = base.dataDir();
        BourtolConfig.Mqtt m = base.mqtt();
        embeddedMqtt = new EmbeddedMqtt(dataDir.resolve("mqtt"), m.embeddedPort(), Math.max(64 * 1024, m.maxPayloadBytes() + 1024),
                new MqttAccess(mqttUsers, m.prefix(), m.clientId()),
                new EmbeddedMqtt.Listen(m.embeddedHost(), m.embeddedKeystorePath(), m.embeddedKeystorePassword(), m.embeddedTlsPort()));
        CompletableFuture<EmbeddedMqtt> mqtt = CompletableFuture.supplyAsync(embeddedMqtt::start);
        embeddedKafka = new EmbeddedKafka(dataDir, base.kafka().embeddedPort()).start();
        mqtt.join();
    }

    /**
     * {@code demo} and {@code run --embedded} without Twilio credentials: SMS go to the simulator's local
     * Twilio-compatible server (health's "twilio" check says so); status callbacks are signed with
     * {@code twilio.authToken} when it and {@code http.publicUrl} are set.
     */
    private LocalTwilioServer startLocalTwilio() {
        localTwilio = Steps.await(new LocalTwilioServer(vertx).listen(0), Duration.ofSeconds(30), "local Twilio-compatible server start");
        localTwilio.onMessage(m -> LOG.info("local SMS sink received [{}]", m));
        if (config.twilio().authToken() != null && config.http().publicUrl() != null) {
            localTwilio.statusCallbacks(config.twilio().authToken());
        }
        return localTwilio;
    }

    /** The local Twilio-compatible server SMS go to, when this is an embedded run without Twilio credentials. */
    public Optional<LocalTwilioServer> localTwilio() {
        return Optional.ofNullable(localTwilio);
    }

    private void awaitTokens() {
        if (!tokens.awaitCaughtUp(Duration.ofSeconds(30))) {
            LOG.warn("API token directory not loaded within 30 s; tokens created earlier are accepted once it catches up");
        }
    }

    /**
     * Stops everything within about 10 s: components in reverse order (3 s each at most; the
     * downstream ones together), the HTTP
     * server, Vert.x, the token reader, then the embedded MQTT broker and Kafka. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (vertx == null && embeddedKafka == null && embeddedMqtt == null) {
            return; // nothing started (e.g. invalid configuration)
        }
        long t0 = System.nanoTime();
        Steps.stopComponents(components);
        components.clear();
        if (localTwilio != null) {
            Steps.quietly("local Twilio-compatible server close", localTwilio::close);
            localTwilio = null;
        }
        // no MQTT client of ours is left: stop the embedded broker while the rest closes
        EmbeddedMqtt mqttBroker = embeddedMqtt;
        embeddedMqtt = null;
        CompletableFuture<Void> mqttStop = mqttBroker == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> Steps.quietly("embedded mqtt stop", mqttBroker::close));
        if (server != null) {
            HttpServer s = server;
            server = null;
            Steps.quietly("HTTP server close", () -> Steps.await(s.close(), Duration.ofSeconds(2), "HTTP close"));
        }
        if (mqttHealth != null) {
            Steps.quietly("mqtt health close", mqttHealth::close);
        }
        if (kafkaHealth != null) {
            Steps.quietly("kafka health close", kafkaHealth::close);
        }
        if (console != null) {
            Steps.quietly("console close", console::close);
            console = null;
        }
        if (tokens != null) {
            Steps.quietly("token directory close", tokens::close);
        }
        if (vertx != null) {
            Vertx v = vertx;
            vertx = null;
            Steps.quietly("vert.x close", () -> Steps.await(v.close(), Duration.ofSeconds(3), "Vert.x close"));
        }
        EmbeddedKafka kafkaBroker = embeddedKafka;
        embeddedKafka = null;
        if (kafkaBroker != null) {
            Steps.quietly("embedded kafka stop", kafkaBroker::close);
        }
        Steps.quietly("embedded mqtt stop", () -> mqttStop.orTimeout(5, TimeUnit.SECONDS).join());
        LOG.info("bourtol stopped [ms: {}]", (System.nanoTime() - t0) / 1_000_000);
    }

    public BourtolConfig config() {
        return config;
    }

    /** The HTTP port actually bound (useful with port 0). */
    public int httpPort() {
        return server == null ? -1 : server.actualPort();
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort();
    }

    public String kafkaBootstrap() {
        return config.kafka().bootstrap();
    }

    /** The MQTT URL clients use (the embedded broker's in embedded mode); null when not configured. */
    /**
     * The MQTT settings a simulator or field gateway uses: with the embedded broker, the generated
     * {@value MqttAccess#GATEWAY} account (may publish readings under any device id, never alerts);
     * otherwise the configured ones.
     */
    public BourtolConfig.Mqtt gatewayMqtt() {
        String password = mqttUsers.get(MqttAccess.GATEWAY);
        return password == null ? config.mqtt() : config.mqtt().withCredentials(MqttAccess.GATEWAY, password);
    }

    public String mqttUrl() {
        return config.mqtt().url();
    }

    /** The admin bearer token (configured or generated). Never log it. */
    public String adminToken() {
        return adminToken;
    }

    public KafkaClients kafka() {
        return kafka;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The routes the HTTP server answers, as registered (the authorisation matrix test walks them). */
    public List<io.vertx.ext.web.Route> routes() {
        return router == null ? List.of() : List.copyOf(router.getRoutes());
    }

    public HealthRegistry health() {
        return health;
    }

    public List<Component> components() {
        return List.copyOf(components);
    }

    /** Milliseconds from {@link #start} to ready. */
    public long readyMillis() {
        return readyMillis;
    }
}
