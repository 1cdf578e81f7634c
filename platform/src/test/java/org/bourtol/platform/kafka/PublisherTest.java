package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PublisherTest {

    @Test
    void publishReturnsAtOnceWhenKafkaIsUnreachable() {
        KafkaClients clients = new KafkaClients(ConfigLoader.load((String) null,
                Map.of("BOURTOL_KAFKA_BOOTSTRAP", "127.0.0.1:1")).kafka());
        try (Publisher p = new Publisher(clients, "publisher-test")) {
            long start = System.nanoTime();
            p.publish(Topics.AUDIT, null, null);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 1000, "publish blocked its caller for " + ms + " ms");
        }
    }

    @Test
    void failFastSendFailsWithinSecondsAndMarksKafkaUnavailable() throws Exception {
        KafkaClients clients = new KafkaClients(ConfigLoader.load((String) null,
                Map.of("BOURTOL_KAFKA_BOOTSTRAP", "127.0.0.1:1")).kafka());
        try (Publisher p = new Publisher(clients, "publisher-fail-fast", null, Publisher.FAIL_FAST)) {
            assertTrue(p.available());
            CompletableFuture<Void> sent = p.send(List.of(Outgoing.of(Topics.AUDIT, "k", null))).toCompletionStage().toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> sent.get(20, TimeUnit.SECONDS));
            assertNotNull(e.getCause());
            assertFalse(p.available());
            assertNotNull(p.lastError());
        }
    }

    @Test
    void sendingOnTheCallersThreadIsRefusedOnAVertxThreadAndFailsFastOnAnother() throws Exception {
        KafkaClients clients = new KafkaClients(ConfigLoader.load((String) null,
                Map.of("BOURTOL_KAFKA_BOOTSTRAP", "127.0.0.1:1")).kafka());
        Vertx vertx = Vertx.vertx();
        try (Publisher p = new Publisher(clients, "publisher-this-thread", null, Publisher.FAIL_FAST)) {
            CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    p.sendOnThisThread(List.of(Outgoing.of(Topics.AUDIT, "k", null)));
                    onLoop.complete(null);
                } catch (IllegalStateException e) {
                    onLoop.complete(e);
                }
            });
            assertNotNull(onLoop.get(10, TimeUnit.SECONDS), "an event loop must not be blocked by Kafka's send");

            CompletableFuture<Void> sent = p.sendOnThisThread(List.of(Outgoing.of(Topics.AUDIT, "k", null)))
                    .toCompletionStage().toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> sent.get(20, TimeUnit.SECONDS));
            assertNotNull(e.getCause());
            assertFalse(p.available());
        } finally {
            vertx.close();
        }
    }
}
