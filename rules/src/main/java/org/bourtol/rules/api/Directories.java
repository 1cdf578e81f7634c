package org.bourtol.rules.api;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.Publisher;

/**
 * The zone and rule directories as the APIs see them: reads from the in-memory views of the
 * compacted topics, writes published to Kafka together with their audit entry.
 */
public final class Directories {

    private final TopicTable<Zone> zones;
    private final TopicTable<RuleDocument> rules;
    private final Publisher publisher;
    private final AuditHistory history;

    public Directories(TopicTable<Zone> zones, TopicTable<RuleDocument> rules, Publisher publisher, AuditHistory history) {
        this.zones = zones;
        this.rules = rules;
        this.publisher = publisher;
        this.history = history;
    }

    public Optional<Zone> zone(String id) {
        return id == null ? Optional.empty() : zones.get(id);
    }

    public java.util.Map<String, Zone> zones() {
        return zones.all();
    }

    public Optional<RuleDocument> rule(String id) {
        return rules.get(id);
    }

    public java.util.Map<String, RuleDocument> rules() {
        return rules.all();
    }

    public AuditHistory history() {
        return history;
    }

    public Future<Void> putZone(Zone z, String actor) {
        Zone before = zones.get(z.id()).orElse(null);
        return both(publisher.publish(Topics.ZONES, z.id(), z), audit("zone", z.id(), before == null ? "create" : "update", actor, 0, before, z));
    }

    public Future<Void> deleteZone(String id, String actor) {
        Zone before = zones.get(id).orElse(null);
        return both(publisher.publish(Topics.ZONES, id, null), audit("zone", id, "delete", actor, 0, before, null));
    }

    public Future<Void> putRule(RuleDocument r, String actor) {
        RuleDocument before = rules.get(r.id()).orElse(null);
        return both(publisher.publish(Topics.RULES, r.id(), r), audit("rule", r.id(), before == null ? "create" : "update", actor, r.version(), before, r));
    }

    public Future<Void> deleteRule(String id, String actor) {
        RuleDocument before = rules.get(id).orElse(null);
        int version = before == null ? 0 : before.version() + 1;
        return both(publisher.publish(Topics.RULES, id, null), audit("rule", id, "delete", actor, version, before, null));
    }

    /**
     * Both records are sent at once from the caller's thread (the producer keeps their order); chaining
     * the second send on the first one's completion would run it on the producer's I/O thread, which
     * deadlocks on metadata.
     */
    private static Future<Void> both(Future<?> a, Future<?> b) {
        return Future.all(a, b).mapEmpty();
    }

    private Future<Void> audit(String entity, String id, String action, String actor, int version, Object before, Object after) {
        var b = before == null ? null : Json.MAPPER.valueToTree(before);
        var a = after == null ? null : Json.MAPPER.valueToTree(after);
        AuditEntry e = new AuditEntry(entity, id, action, actor, Instant.now(), version,
                (com.fasterxml.jackson.databind.JsonNode) b, (com.fasterxml.jackson.databind.JsonNode) a,
                Changes.summary((com.fasterxml.jackson.databind.JsonNode) b, (com.fasterxml.jackson.databind.JsonNode) a));
        return publisher.publish(Topics.AUDIT, entity + "/" + id, e).mapEmpty();
    }

}
