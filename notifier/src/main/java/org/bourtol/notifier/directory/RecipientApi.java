package org.bourtol.notifier.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.http.Role;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|PUT|DELETE /api/v1/recipients/{id}} and {@code GET /api/v1/recipients} (officer role). A
 * DELETE deactivates: the recipient stays in the directory with {@code "active": false} and is sent
 * nothing (a PUT with {@code "active": true} brings it back); nothing is erased from the history.
 * The recipient directory lives on the compacted {@code bourtol.recipients.v1}, every change audited on
 * {@code bourtol.audit.v1} with the actor, phone numbers masked in every response and audit record.
 * A change is answered after Kafka acknowledged it; until the directory reader has caught up, this
 * instance serves its own latest write.
 */
public final class RecipientApi {

    private static final Logger LOG = LoggerFactory.getLogger(RecipientApi.class);

    private final TopicTable<Recipient> recipients;
    private final Publisher publisher;
    private final RecipientValidator validator;
    private final Clock clock;
    private final Map<String, Optional<Recipient>> recentWrites = new ConcurrentHashMap<>();
    private final TopicTable<AuditEntry> audit;
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    /** @param audit the latest audit entry per key (for version numbers) */
    public RecipientApi(TopicTable<Recipient> recipients, TopicTable<AuditEntry> audit, Publisher publisher,
                        RecipientValidator validator, Clock clock) {
        this.recipients = recipients;
        this.audit = audit;
        this.publisher = publisher;
        this.validator = validator;
        this.clock = clock;
        recipients.onChange((k, v) -> recentWrites.remove(k));
    }

    public void mount(Router router, ApiAuth auth) {
        router.route("/api/v1/recipients*").handler(auth.require(Role.OFFICER));
        router.route("/api/v1/recipients*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.get("/api/v1/recipients").handler(auth.require(Role.OFFICER)).handler(this::list);
        router.get("/api/v1/recipients/:id").handler(auth.require(Role.OFFICER)).handler(this::get);
        router.put("/api/v1/recipients/:id").handler(auth.require(Role.OFFICER)).handler(this::put);
        router.delete("/api/v1/recipients/:id").handler(auth.require(Role.OFFICER)).handler(this::delete);
    }

    private Optional<Recipient> current(String id) {
        Optional<Recipient> recent = recentWrites.get(id);
        return recent != null ? recent : recipients.get(id);
    }

    private void list(RoutingContext ctx) {
        Map<String, Recipient> all = new ConcurrentHashMap<>(recipients.all());
        recentWrites.forEach((k, v) -> v.ifPresentOrElse(r -> all.put(k, r), () -> all.remove(k)));
        ArrayNode out = Json.MAPPER.createArrayNode();
        all.values().stream().sorted(Comparator.comparing(Recipient::id)).forEach(r -> out.add(RecipientValidator.masked(r)));
        json(ctx, 200, out);
    }

    private void get(RoutingContext ctx) {
        current(ctx.pathParam("id")).ifPresentOrElse(r -> json(ctx, 200, RecipientValidator.masked(r)),
                () -> ApiErrors.send(ctx, 404, "recipient not found", List.of(ctx.pathParam("id"))));
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body().asString() == null ? "" : ctx.body().asString());
        } catch (Exception e) {
            ApiErrors.send(ctx, 400, "invalid request body", List.of("body must be JSON"));
            return;
        }
        Optional<Recipient> before = current(id);
        RecipientValidator.Result result = validator.validate(id, body, before.orElse(null));
        if (!result.ok()) {
            ApiErrors.send(ctx, 400, "invalid recipient", result.problems());
            return;
        }
        Recipient r = result.recipient();
        String action = before.isEmpty() ? "create"
                : before.get().active() && !r.active() ? "deactivate"
                        : !before.get().active() && r.active() ? "reactivate" : "update";
        write(ctx, id, r, before, action).onSuccess(v -> json(ctx, before.isPresent() ? 200 : 201, RecipientValidator.masked(r)));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<Recipient> before = current(id);
        if (before.isEmpty()) {
            ApiErrors.send(ctx, 404, "recipient not found", List.of(id));
            return;
        }
        Recipient off = before.get().withActive(false);
        write(ctx, id, off, before, "deactivate").onSuccess(v -> json(ctx, 200, RecipientValidator.masked(off)));
    }

    private Future<Void> write(RoutingContext ctx, String id, Recipient after, Optional<Recipient> before, String action) {
        String actor = ctx.get(ApiAuth.ACTOR);
        String key = "recipient/" + id;
        int version = Math.max(versions.getOrDefault(key, 0), audit.get(key).map(AuditEntry::version).orElse(0)) + 1;
        versions.put(key, version);
        AuditEntry entry = new AuditEntry("recipient", id, action, actor, clock.instant(), version,
                before.map(RecipientValidator::masked).orElse(null), after == null ? null : RecipientValidator.masked(after),
                action + " recipient " + id + (after == null ? "" : " (" + after.role() + ", zones " + after.zones() + ")"));
        // Both sends start here: a send chained in a producer callback would block Kafka's own I/O thread.
        return Future.all(publisher.publish(Topics.RECIPIENTS, id, after), publisher.publish(Topics.AUDIT, key, entry))
                .<Void>mapEmpty()
                .onSuccess(v -> {
                    recentWrites.put(id, Optional.ofNullable(after));
                    LOG.info("recipient {} [id: {}, actor: {}]", action, id, actor);
                })
                .onFailure(e -> {
                    LOG.warn("recipient change not stored [id: {}, reason: {}]", id, e.getMessage());
                    ctx.response().putHeader("Retry-After", "5");
                    ApiErrors.send(ctx, 503, "directory unavailable, try again", List.of());
                });
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }
}
