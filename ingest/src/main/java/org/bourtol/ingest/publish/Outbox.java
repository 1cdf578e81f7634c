package org.bourtol.ingest.publish;

import io.vertx.core.Future;
import java.util.List;
import org.bourtol.platform.kafka.Outgoing;

/** Where accepted inputs go: the future completes when the records are safe (acknowledged by Kafka, or spooled). */
public interface Outbox {

    Future<Void> deliver(List<Outgoing> records);
}
