package org.bourtol.notifier.ledger;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code bourtol.deliveries.v1} from the beginning into a {@link Ledger} (a {@link TopicFollower}), and
 * keeps following it (the other instance's records, status updates). {@link #awaitEnd} waits until
 * everything written before the call has been read: a new owner calls it before deciding anything.
 */
public final class LedgerReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReader.class);

    private final Ledger ledger;
    private final TopicFollower follower;

    public LedgerReader(KafkaClients clients, Ledger ledger) {
        this.ledger = ledger;
        this.follower = new TopicFollower(clients.consumer(null), Topics.DELIVERIES.name(), TopicFollower.From.BEGINNING, this::apply);
    }

    public LedgerReader start() {
        follower.start();
        return this;
    }

    /** Blocks until the records present in the topic when called have been applied. */
    public boolean awaitEnd(Duration timeout) {
        return follower.awaitEnd(timeout);
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            ledger.apply(Topics.DELIVERIES.valueSerde().deserializer().deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            LOG.warn("unreadable delivery record skipped [offset: {}, reason: {}]", r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
