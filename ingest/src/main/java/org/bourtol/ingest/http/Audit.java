package org.bourtol.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.Outgoing;

/** Audit records for directory changes (phones already masked by the caller). */
final class Audit {

    private Audit() {
    }

    static Outgoing entry(String entity, String id, String action, String actor, int version, JsonNode before, JsonNode after,
                          String summary, Instant at) {
        return Outgoing.of(Topics.AUDIT, entity + "/" + id, new AuditEntry(entity, id, action, actor, at, version, before, after, summary));
    }
}
