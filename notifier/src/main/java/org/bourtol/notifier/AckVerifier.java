package org.bourtol.notifier;

import org.bourtol.platform.Threads;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.ledger.LedgerReader;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.StaticMembership;
import org.bourtol.platform.kafka.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may acknowledge, or say what was done about an alert, by SMS. An {@code OK <code>} stops repeats and escalation only when its sender
 * (a pseudonym) is a recipient the delivery ledger shows was sent that alert (Twilio, or the local
 * sink, gave the SMS a message id). Such a request is published again on {@code bourtol.acks.v1} with
 * {@code verified} true and the alert id, which the rules turn into {@code ACKNOWLEDGED}; anyone
 * else's is recorded as an {@code UNVERIFIED_ACK} alert event (seq -1, the sender's pseudonym as note)
 * that stops nothing and that officers see in the alert's timeline. A request whose alert or delivery
 * record is not known yet waits up to {@link #WAIT}. The same check decides whether an SMS
 * {@code FAIT}/{@code FAUX} ({@link AlertResponse} stored unverified on {@code bourtol.outcomes.v1} by
 * ingest) counts: a recipient's is stored again, same id, verified; a stranger's is kept on
 * {@code bourtol.rejected.v1} (code {@code alert-reply-not-a-recipient}) and counts nowhere. Runs on its own thread (consumer group
 * {@code <group>-acks}, so one instance judges each request) once the ledger has been read to its end.
 */
final class AckVerifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AckVerifier.class);
    static final Duration WAIT = Duration.ofMinutes(1);

    /** What one SMS acknowledgement is. */
    enum Kind { VERIFIED, UNVERIFIED, PENDING }

    /** The judgement on one request; {@code alert} is null only when PENDING for an unknown code. */
    record Verdict(Kind kind, AlertEvent alert) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Publisher publisher;
    private final LedgerReader ledgerReader;
    private final Function<AckRequest, Verdict> judge;
    private final Function<AlertResponse, Verdict> judgeResponse;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<Object> waiting = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    AckVerifier(KafkaClients clients, String group, String instanceId, Publisher publisher, LedgerReader ledgerReader,
                Function<AckRequest, Verdict> judge, Function<AlertResponse, Verdict> judgeResponse, Clock clock, MeterRegistry metrics) {
        this.consumer = new KafkaConsumer<>(clients.consumer(group + "-acks", instanceId));
        this.publisher = publisher;
        this.ledgerReader = ledgerReader;
        this.judge = judge;
        this.judgeResponse = judgeResponse;
        this.clock = clock;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "bourtol-ack-verifier");
        thread.setDaemon(true);
    }

    AckVerifier start() {
        consumer.subscribe(List.of(Topics.ACKS.name(), Topics.OUTCOMES.name()));
        thread.start();
        return this;
    }

    /**
     * The verdict on an SMS acknowledgement: VERIFIED when a delivery of the alert that Twilio accepted
     * went to a recipient whose number has the sender's pseudonym; PENDING when the alert is not known
     * or such a delivery is only an intent so far; UNVERIFIED otherwise.
     */
    static Verdict judge(AckRequest a, AlertStates alerts, Ledger ledger, Function<String, Optional<Recipient>> recipients,
                         Pseudonyms pseudonyms) {
        return judge(a.alertId(), a.code(), a.by(), alerts, ledger, recipients, pseudonyms);
    }

    /** As {@link #judge(AckRequest, AlertStates, Ledger, Function, Pseudonyms)} for the sender {@code by} of a message on {@code alertId}. */
    static Verdict judge(String alertId, String code, String by, AlertStates alerts, Ledger ledger,
                         Function<String, Optional<Recipient>> recipients, Pseudonyms pseudonyms) {
        Optional<AlertEvent> alert = alertId != null ? alerts.get(alertId) : alerts.activeByCode(code);
        if (alert.isEmpty()) {
            return new Verdict(Kind.PENDING, null);
        }
        boolean intent = false;
        for (Delivery d : ledger.forAlert(alert.get().alertId())) {
            Recipient r = recipients.apply(d.recipientId()).orElse(null);
            if (r == null || r.phone() == null || by == null || !by.equals(pseudonyms.of(r.phone()))) {
                continue;
            }
            if (d.providerId() != null) {
                return new Verdict(Kind.VERIFIED, alert.get());
            }
            intent |= Ledger.isIntent(d);
        }
        return new Verdict(intent ? Kind.PENDING : Kind.UNVERIFIED, alert.get());
    }

    private void run() {
        if (!ledgerReader.awaitEnd(Duration.ofSeconds(60))) {
            LOG.warn("ledger not read to its end within 60 s; judging acknowledgements anyway");
        }
        try {
            while (running) {
                List<Object> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Object request = unverified(r);
                        if (request != null) {
                            batch.add(request);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("unreadable acknowledgement skipped [offset: {}, reason: {}]", r.offset(), e.getMessage());
                    }
                }
                batch.addAll(0, waiting);
                waiting.clear();
                for (Object request : batch) {
                    if (request instanceof AckRequest a) {
                        handle(a);
                    } else {
                        handle((AlertResponse) request);
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("acknowledgement verifier woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("acknowledgement verifier stopped", e);
        } finally {
            StaticMembership.closeLeaving(consumer, Duration.ofSeconds(2));
        }
    }

    /** An SMS acknowledgement or response not checked yet, or null (verified ones, API ones, tombstones). */
    private static Object unverified(ConsumerRecord<byte[], byte[]> r) {
        if (r.topic().equals(Topics.OUTCOMES.name())) {
            AlertResponse x = Topics.OUTCOMES.valueSerde().deserializer().deserialize(r.topic(), r.value());
            return x != null && !x.counts() ? x : null;
        }
        AckRequest a = Topics.ACKS.valueSerde().deserializer().deserialize(r.topic(), r.value());
        return a != null && a.source() == Source.SMS && !a.verified() ? a : null;
    }

    /** Judges one SMS FAIT/FAUX: stored again verified, or kept as rejected; blocks until Kafka acknowledged it. */
    private void handle(AlertResponse x) {
        Verdict v = judgeResponse.apply(x);
        settle(x, x.at(), v, () -> {
            publish(Topics.OUTCOMES, x.alertId(), x.verifiedCopy());
            metrics.counter("bourtol.alert.responses", "verdict", "verified").increment();
            LOG.info("SMS alert response verified [alert: {}, kind: {}, by: {}]", x.alertId(), x.kind().wire(), x.by());
        }, () -> {
            Rejected rejected = new Rejected(x.id(), Source.SMS, Topics.OUTCOMES.name(), x.at(), "alert-reply-not-a-recipient",
                    "the delivery ledger shows no SMS of alert " + x.code() + " sent to this sender; not counted",
                    Json.MAPPER.writeValueAsString(x), x.by());
            publish(Topics.REJECTED, "sms", rejected);
            metrics.counter("bourtol.alert.responses", "verdict", "unverified").increment();
            LOG.warn("SMS alert response from a number the alert was not sent to: kept as rejected, not counted"
                    + " [alert: {}, by: {}]", x.alertId(), x.by());
        }, () -> LOG.warn("SMS alert response for an alert the notifier does not know, not counted [response: {}, alert: {}]",
                x.id(), x.alertId()),
                e -> LOG.warn("alert response verdict not published, retried [response: {}, reason: {}]", x.id(), e.toString()));
    }

    /** Judges one request and publishes the outcome; blocks until Kafka acknowledged it. */
    private void handle(AckRequest a) {
        Verdict v = judge.apply(a);
        settle(a, a.at(), v, () -> {
            publish(Topics.ACKS, a.code(), a.verifiedFor(v.alert().alertId()));
            metrics.counter("bourtol.acks", "verdict", "verified").increment();
            LOG.info("SMS acknowledgement verified [alert: {}, by: {}]", v.alert().alertId(), a.by());
        }, () -> {
            AlertEvent e = new AlertEvent(v.alert().alertId() + "/UNVERIFIED_ACK/" + a.id(), v.alert().alertId(),
                    AlertEventType.UNVERIFIED_ACK, -1, a.at(), v.alert().alert(), a.by());
            publish(Topics.ALERTS, e.alertId(), e);
            metrics.counter("bourtol.acks", "verdict", "unverified").increment();
            LOG.warn("SMS acknowledgement from a number the alert was not sent to: recorded as unverified, stops nothing"
                    + " [alert: {}, by: {}]", v.alert().alertId(), a.by());
        }, () -> LOG.info("acknowledgement for no active alert ignored [request: {}, code: {}]", a.id(), a.code()),
                e -> LOG.warn("acknowledgement verdict not published, retried [request: {}, reason: {}]", a.id(), e.toString()));
    }

    /** What a verdict leads to; it may fail (then the request waits and is judged again). */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs the step of verdict {@code v} on {@code request} (made at {@code at}): a PENDING one waits for the next poll
     * until {@link #WAIT} has passed, then {@code expired} runs; a step that fails is logged by {@code failed} and the
     * request waits to be judged again.
     */
    private void settle(Object request, Instant at, Verdict v, Step verified, Step unverified, Runnable expired, Consumer<Exception> failed) {
        try {
            switch (v.kind()) {
                case VERIFIED -> verified.run();
                case UNVERIFIED -> unverified.run();
                case PENDING -> {
                    if (at.isAfter(clock.instant().minus(WAIT))) {
                        waiting.add(request);
                    } else {
                        expired.run();
                    }
                }
                default -> throw new IllegalStateException(v.kind().name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiting.add(request);
        } catch (Exception e) {
            failed.accept(e);
            waiting.add(request);
        }
    }

    /** Publishes one record and waits until Kafka acknowledged it. */
    private <K, V> void publish(Topic<K, V> topic, K key, V value) throws Exception {
        publisher.publish(topic, key, value).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        Threads.join(thread, Duration.ofSeconds(5));
    }
}
