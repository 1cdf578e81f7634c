package org.bourtol.notifier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.testkit.SharedKafka;
import org.bourtol.testkit.TopicReader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A notifier against SharedKafka and a LocalTwilioServer, for the ITs. Registered on a static field
 * ({@code @RegisterExtension static final Harness h = Harness.notifier(...)}), it starts that notifier before the
 * class's tests and closes everything after them; {@code new Harness()} starts none (the test starts its own).
 */
final class Harness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    static final String SID = "AC" + "ab".repeat(16);
    static final String TOKEN = "it-token";
    static final String ADMIN = "it-admin-token";

    final Vertx vertx = Vertx.vertx();
    final KafkaClients kafka = SharedKafka.clients();
    final Publisher publisher = new Publisher(kafka, "it-publisher");
    final LocalTwilioServer twilio = LocalTwilioServer.start(vertx, 0).requireCredentials(SID, TOKEN);
    final Pseudonyms pseudonyms = new Pseudonyms("it-pseudonym-key-0123456789");
    final List<NotifierComponent> started = new ArrayList<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    /** The notifier {@link #beforeAll} starts (instance id, options, extra environment); none when {@code instance} is null. */
    private final String instance;
    private final NotifierComponent.Options options;
    private final Map<String, String> env;

    Harness() {
        this(null, null, Map.of());
    }

    private Harness(String instance, NotifierComponent.Options options, Map<String, String> env) {
        this.instance = instance;
        this.options = options;
        this.env = env;
    }

    /** A harness that starts the notifier {@code instance} with {@code options} before the class's tests. */
    static Harness notifier(String instance, NotifierComponent.Options options) {
        return notifier(instance, options, Map.of());
    }

    /** As {@link #notifier(String, NotifierComponent.Options)}, with {@code env} added to the configuration. */
    static Harness notifier(String instance, NotifierComponent.Options options, Map<String, String> env) {
        return new Harness(instance, options, env);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (instance != null) {
            start(instance, options, null, env, new ApiAuth(ADMIN));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    BourtolConfig config(String instance, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("BOURTOL_KAFKA_BOOTSTRAP", SharedKafka.bootstrap());
        env.put("TWILIO_ACCOUNT_SID", SID);
        env.put("TWILIO_AUTH_TOKEN", TOKEN);
        env.put("TWILIO_FROM", "+15005550006");
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("BOURTOL_PUBLIC_URL", "http://127.0.0.1:1");
        env.put("BOURTOL_NOTIFIER_GROUP_WINDOW", "PT0.3S");
        env.put("BOURTOL_NOTIFIER_INSTANCE_ID", instance);
        env.putAll(extra);
        return ConfigLoader.load("", env);
    }

    /** The default options with this retry policy and a 50 ms tick, so ITs do not wait for the production tick. */
    static NotifierComponent.Options options(RetryPolicy retry) {
        return options(retry, Duration.ofMillis(50));
    }

    /** The default options with this retry policy and engine tick. */
    static NotifierComponent.Options options(RetryPolicy retry, Duration tick) {
        NotifierComponent.Options o = NotifierComponent.Options.defaults();
        return new NotifierComponent.Options(o.clock(), retry, o.policy(), tick);
    }

    NotifierComponent start(String instance, NotifierComponent.Options options, Router router) throws Exception {
        return start(instance, options, router, Map.of(), new ApiAuth(ADMIN));
    }

    NotifierComponent start(String instance, NotifierComponent.Options options, Router router, Map<String, String> env, ApiAuth auth)
            throws Exception {
        NotifierComponent c = new NotifierComponent(vertx, router == null ? Router.router(vertx) : router, config(instance, env),
                kafka, auth, metrics, pseudonyms, options);
        c.start().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        started.add(c);
        return c;
    }

    void stop(NotifierComponent c) throws Exception {
        c.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        started.remove(c);
    }

    <V> void put(Topic<String, V> topic, String key, V value) throws Exception {
        publisher.publish(topic, key, value).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Publishes a zone under its id. */
    void put(Zone zone) throws Exception {
        put(Topics.ZONES, zone.id(), zone);
    }

    /** Publishes a recipient under its id. */
    void put(Recipient recipient) throws Exception {
        put(Topics.RECIPIENTS, recipient.id(), recipient);
    }

    /** Publishes the alert's first event, RAISED (seq 1). */
    void raise(Alert alert) throws Exception {
        put(Topics.ALERTS, alert.id(), Fixtures.event(alert, AlertEventType.RAISED, 1));
    }

    /** Publishes the RESOLVED event (seq 2) of an alert raised with {@link #raise}; {@code resolved} is its resolved state. */
    void resolve(Alert resolved) throws Exception {
        put(Topics.ALERTS, resolved.id(), Fixtures.event(resolved, AlertEventType.RESOLVED, 2));
    }

    /** The SENT records of the alert's deliveries so far. */
    List<Delivery> sent(String alertId) {
        return deliveries(d -> d.alertIds().contains(alertId) && d.status() == DeliveryStatus.SENT);
    }

    /** How many times an SMS to {@code to} was posted to Twilio (accepted or not). */
    long posts(String to) {
        return twilio.requests().stream().filter(r -> "POST".equals(r.method()) && to.equals(r.param("To"))).count();
    }

    /** Every delivery record so far (fresh read from the beginning). */
    List<Delivery> deliveries(Predicate<Delivery> filter) {
        return TopicReader.values(kafka, Topics.DELIVERIES).stream().filter(filter).toList();
    }

    @Override
    public void close() throws Exception {
        for (NotifierComponent c : List.copyOf(started)) {
            stop(c);
        }
        publisher.close();
        twilio.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
