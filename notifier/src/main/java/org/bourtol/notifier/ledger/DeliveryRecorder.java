package org.bourtol.notifier.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.Publisher;

/**
 * The one way the notifier records a delivery: the record is published to {@code bourtol.deliveries.v1},
 * and only once Kafka acknowledged it is it applied to the {@link Ledger} and counted on
 * {@code bourtol.sms{status}} ({@code intent} for an intent, else the status). A record Kafka refused
 * changes neither: the ledger never holds what a restart would not read back. Intents, outcomes, status
 * callbacks, acknowledgements and stale intents closed on takeover all pass here.
 */
public final class DeliveryRecorder {

    /** How long {@link #recordAndWait} waits for Kafka. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Function<Delivery, CompletionStage<?>> publish;
    private final Ledger ledger;
    private final MeterRegistry metrics;

    /** Records through {@code publisher} on {@link Topics#DELIVERIES}, keyed by delivery id. */
    public DeliveryRecorder(Publisher publisher, Ledger ledger, MeterRegistry metrics) {
        this(d -> publisher.publish(Topics.DELIVERIES, d.deliveryId(), d).toCompletionStage(), ledger, metrics);
    }

    /** @param publish writes one record durably; its stage completes when the record is acknowledged */
    DeliveryRecorder(Function<Delivery, CompletionStage<?>> publish, Ledger ledger, MeterRegistry metrics) {
        this.publish = publish;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** Records {@code d}; the stage completes after the ledger applied it, or fails when Kafka did not take it. */
    public CompletableFuture<Void> record(Delivery d) {
        CompletableFuture<?> published;
        try {
            published = publish.apply(d).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return published.thenRun(() -> {
            ledger.apply(d);
            String status = Ledger.isIntent(d) ? "intent" : d.status().wire();
            metrics.counter("bourtol.sms", "status", status).increment();
        });
    }

    /**
     * As {@link #record}, blocking until it is done (a worker thread: the intent must be durable before
     * Twilio is called).
     *
     * @throws Exception when Kafka did not acknowledge the record within {@link #WAIT}
     */
    public void recordAndWait(Delivery d) throws Exception {
        record(d).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
