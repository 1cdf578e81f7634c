package org.bourtol.ingest.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bourtol.platform.kafka.Outgoing;
import org.bourtol.platform.kafka.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka first, the {@link Spool} when Kafka is unavailable: the future completes once the records are
 * acknowledged by Kafka or fsync'd to the spool, so an SMS sender still gets a receipt. While the spool
 * holds anything, new records go behind it (order is kept); a timer drains it in order, one record at
 * a time, when Kafka is back.
 */
public final class DurableOutbox implements Outbox, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableOutbox.class);

    private final Vertx vertx;
    private final Publisher sink;
    private final Spool spool;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final long timer;

    public DurableOutbox(Vertx vertx, Publisher sink, Spool spool, Duration drainInterval) {
        this.vertx = vertx;
        this.sink = sink;
        this.spool = spool;
        this.timer = vertx.setPeriodic(Math.max(100, drainInterval.toMillis()), id -> drain());
    }

    @Override
    public Future<Void> deliver(List<Outgoing> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        if (spool.size() > 0 || !sink.available()) {
            return toSpool(records);
        }
        return sink.send(records).recover(error -> toSpool(records));
    }

    private Future<Void> toSpool(List<Outgoing> records) {
        return vertx.executeBlocking(() -> {
            spool.append(records);
            LOG.info("records spooled [records: {}, spooled: {}]", records.size(), spool.size());
            return null;
        }, true);
    }

    public int spooled() {
        return spool.size();
    }

    /** Sends the oldest spooled record; on success continues with the next, on failure waits for the timer. */
    void drain() {
        if (spool.size() == 0 || !draining.compareAndSet(false, true)) {
            return;
        }
        List<Outgoing> head = spool.peek(100);
        sink.send(head).onComplete(ar -> {
            if (ar.succeeded()) {
                vertx.executeBlocking(() -> {
                    spool.commit(head.size());
                    return null;
                }, true).onComplete(c -> {
                    draining.set(false);
                    if (spool.size() == 0) {
                        LOG.info("spool drained");
                    } else {
                        drain();
                    }
                });
            } else {
                draining.set(false);
            }
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
