package org.bourtol.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.platform.Metrics;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.kafka.KafkaClients;

/** A running ingest component on a free port, wired as the launcher does, for integration tests. */
final class IngestHarness implements AutoCloseable {

    static final String ADMIN = "it-admin-token-0123456789";
    static final String TWILIO_TOKEN = "it-twilio-auth-token-0123456789";
    static final String PUBLIC_URL = "https://bourtol.example.org";
    static final Pseudonyms PSEUDONYMS = new Pseudonyms("it-pseudonym-key-0123456789");

    final Vertx vertx = Vertx.vertx();
    final BourtolConfig config;
    final IngestComponent component;
    final HealthRegistry health = new HealthRegistry();
    final Metrics metrics = new Metrics();
    final HttpClient http = HttpClient.newHttpClient();
    private final HttpServer server;

    IngestHarness(String bootstrap, String mqttUrl, String clientId, Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BOURTOL_KAFKA_BOOTSTRAP", bootstrap);
        if (mqttUrl != null) {
            env.put("BOURTOL_MQTT_URL", mqttUrl);
            env.put("BOURTOL_MQTT_CLIENT_ID", clientId);
        }
        env.put("BOURTOL_DATA_DIR", dataDir.toString());
        env.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        env.put("BOURTOL_PUBLIC_URL", PUBLIC_URL);
        env.put("BOURTOL_INGEST_SPOOL_DRAIN_INTERVAL", "PT0.5S");
        env.putAll(extra);
        config = ConfigLoader.load("", env);
        Router router = Router.router(vertx);
        ApiErrors.install(router);
        health.mount(router);
        metrics.mount(router);
        component = new IngestComponent(vertx, router, config, new KafkaClients(config.kafka()), new ApiAuth(ADMIN), metrics.registry(),
                PSEUDONYMS);
        component.registerHealth(health);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        component.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the component and Vert.x, like a process exit. */
    @Override
    public void close() throws Exception {
        try {
            component.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
