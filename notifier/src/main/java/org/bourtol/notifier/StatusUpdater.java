package org.bourtol.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.observation.SmsStatus;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.StaticMembership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Twilio status callbacks ({@code bourtol.sms-status.v1}, published by ingest) into delivery
 * records: {@code delivered}, {@code undelivered} and {@code failed} (with Twilio's error code) for
 * the delivery that holds that MessageSid. A callback that arrives before the ledger knows the sid
 * is kept and retried for a minute. Callbacks are deduplicated by (MessageSid, status) and only move
 * a delivery forward ({@link #moves}): delivered never becomes failed. Polled from the engine thread (consumer group
 * {@code <group>-status}, so one instance handles each callback).
 */
final class StatusUpdater implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdater.class);
    private static final Duration KEEP = Duration.ofMinutes(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final StatusTransitions transitions;
    private final List<SmsStatus> waiting = new ArrayList<>();

    StatusUpdater(KafkaClients clients, String group, String instanceId, Ledger ledger, Consumer<Delivery> record) {
        this.consumer = new KafkaConsumer<>(clients.consumer(group + "-status", instanceId));
        this.transitions = new StatusTransitions(ledger, record);
        consumer.subscribe(List.of(Topics.SMS_STATUS.name()));
    }

    void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            try {
                SmsStatus s = Topics.SMS_STATUS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (s != null && !transitions.apply(s)) {
                    waiting.add(s);
                }
            } catch (RuntimeException e) {
                LOG.warn("unreadable status callback skipped [offset: {}, reason: {}]", r.offset(), e.getMessage());
            }
        }
        if (!waiting.isEmpty()) {
            for (Iterator<SmsStatus> it = waiting.iterator(); it.hasNext();) {
                SmsStatus s = it.next();
                if (transitions.apply(s) || s.at().isBefore(Instant.now().minus(KEEP))) {
                    it.remove();
                }
            }
        }
        consumer.commitAsync();
    }

    @Override
    public void close() {
        StaticMembership.closeLeaving(consumer, Duration.ofSeconds(2));
    }
}
