package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change to a directory entry (rule, zone, recipient, reporter, token) on the append-only
 * {@code bourtol.audit.v1} topic, keyed by "{entity}/{id}". {@code before}/{@code after} are the
 * documents with phone numbers masked; {@code after} is null for a deletion.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(String entity, String id, String action, String actor, Instant at, int version,
        JsonNode before, JsonNode after, String summary) {
}
