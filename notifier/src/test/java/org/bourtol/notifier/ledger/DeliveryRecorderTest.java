package org.bourtol.notifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.notifier.Fixtures;
import org.junit.jupiter.api.Test;

/** The one way a delivery is recorded: the ledger and the metric change only after Kafka acknowledged the record. */
class DeliveryRecorderTest {

    static final Instant T0 = Instant.parse("2026-08-14T06:00:00Z");

    final Ledger ledger = new Ledger();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final List<CompletableFuture<Void>> acks = new ArrayList<>();
    final List<Delivery> published = new ArrayList<>();
    final DeliveryRecorder recorder = new DeliveryRecorder(d -> {
        published.add(d);
        CompletableFuture<Void> ack = new CompletableFuture<>();
        acks.add(ack);
        return ack;
    }, ledger, metrics);

    static Delivery intent(String id) {
        return Fixtures.intent(id, List.of("a1"), "alert-Severe", "r1", T0);
    }

    @Test
    void theLedgerAndTheMetricFollowKafkasAcknowledgement() {
        CompletableFuture<Void> done = recorder.record(intent("d1"));
        assertEquals(1, published.size());
        assertTrue(ledger.get("d1").isEmpty(), "not in the ledger before Kafka acknowledged it");
        assertFalse(done.isDone());

        acks.get(0).complete(null);
        assertTrue(done.isDone());
        assertEquals(DeliveryStatus.QUEUED, ledger.get("d1").orElseThrow().status());
        assertEquals(1, metrics.counter("bourtol.sms", "status", "intent").count());

        Delivery sent = intent("d1").outcome(DeliveryStatus.SENT, T0.plusSeconds(1), "SM1", null, null, 1);
        recorder.record(sent);
        acks.get(1).complete(null);
        assertEquals(DeliveryStatus.SENT, ledger.get("d1").orElseThrow().status());
        assertEquals(1, metrics.counter("bourtol.sms", "status", "sent").count());
    }

    @Test
    void aRecordKafkaRefusedChangesNothingAndTheWaitingCallerSeesTheError() {
        CompletableFuture<Void> done = recorder.record(intent("d2"));
        acks.get(0).completeExceptionally(new IllegalStateException("kafka down"));
        assertTrue(done.isCompletedExceptionally());
        assertTrue(ledger.get("d2").isEmpty());
        assertEquals(0, metrics.counter("bourtol.sms", "status", "intent").count());

        DeliveryRecorder refusing = new DeliveryRecorder(d -> CompletableFuture.failedFuture(new IllegalStateException("kafka down")),
                ledger, metrics);
        ExecutionException e = assertThrows(ExecutionException.class, () -> refusing.recordAndWait(intent("d3")));
        assertEquals("kafka down", e.getCause().getMessage());
        assertTrue(ledger.get("d3").isEmpty());
    }

    @Test
    void aPublisherThatThrowsGivesAFailedStage() {
        DeliveryRecorder throwing = new DeliveryRecorder(d -> {
            throw new IllegalArgumentException("unserializable");
        }, ledger, metrics);
        assertTrue(throwing.record(intent("d4")).isCompletedExceptionally());
        assertTrue(ledger.get("d4").isEmpty());
    }
}
