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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.testkit.SharedKafka;

/** A notifier against SharedKafka and a LocalTwilioServer, for the ITs. */
final class Harness implements AutoCloseable {

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
        NotifierComponent.Options o = NotifierComponent.Options.defaults();
        return new NotifierComponent.Options(o.clock(), retry, o.policy(), Duration.ofMillis(50));
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

    /** Every delivery record so far (fresh read from the beginning). */
    List<Delivery> deliveries(Predicate<Delivery> filter) {
        List<Delivery> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumer(null))) {
            TopicPartition tp = new TopicPartition(Topics.DELIVERIES.name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Delivery d = Topics.DELIVERIES.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (filter.test(d)) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
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
