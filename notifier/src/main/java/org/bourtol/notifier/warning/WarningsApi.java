package org.bourtol.notifier.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.directory.AuditEntry;
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
 * Officer-issued warnings (see docs/warnings.md): {@code POST /api/v1/alerts} writes a draft,
 * {@code POST /api/v1/alerts/{id}/approve} sends it ({@link ApprovalRule}),
 * {@code PATCH /api/v1/alerts/{id}} changes a draft, or updates a sent warning (severity, area, text,
 * expiry), {@code POST /api/v1/alerts/{id}/cancel} discards a draft or cancels a sent warning;
 * {@code GET /api/v1/warnings[?state=draft|approved|cancelled]} and {@code GET /api/v1/warnings/{id}}
 * show the documents. Each change is the whole document on the compacted {@code bourtol.warnings.v1}
 * plus an audit entry (actor = the token's name), answered once Kafka acknowledged both; refused
 * approvals are audited too. Until the directory reader caught up, this instance serves its own
 * latest write.
 */
public final class WarningsApi {

    private static final Logger LOG = LoggerFactory.getLogger(WarningsApi.class);

    /** Settings: the issuing office (CAP sender) and whether authors may send their own Minor/Moderate warnings. */
    public record Settings(String office, boolean authorMaySend) {
    }

    private final TopicTable<Warning> warnings;
    private final AlertStates alerts;
    private final Publisher publisher;
    private final WarningValidator validator;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Warning> recentWrites = new ConcurrentHashMap<>();

    public WarningsApi(TopicTable<Warning> warnings, AlertStates alerts, Publisher publisher,
                       WarningValidator validator, Settings settings, Clock clock) {
        this.warnings = warnings;
        this.alerts = alerts;
        this.publisher = publisher;
        this.validator = validator;
        this.settings = settings;
        this.clock = clock;
        warnings.onChange((id, w) -> recentWrites.computeIfPresent(id, (k, mine) -> w != null && w.version() >= mine.version() ? null : mine));
    }

    public void mount(Router router, ApiAuth auth) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(256 * 1024);
        router.post("/api/v1/alerts").handler(auth.require(Role.OFFICER));
        router.post("/api/v1/alerts").handler(body).handler(this::draft);
        router.post("/api/v1/alerts/:id/approve").handler(auth.require(Role.OFFICER));
        router.post("/api/v1/alerts/:id/approve").handler(body).handler(this::approve);
        router.patch("/api/v1/alerts/:id").handler(auth.require(Role.OFFICER));
        router.patch("/api/v1/alerts/:id").handler(body).handler(this::update);
        router.post("/api/v1/alerts/:id/cancel").handler(auth.require(Role.OFFICER));
        router.post("/api/v1/alerts/:id/cancel").handler(body).handler(this::cancel);
        router.get("/api/v1/warnings").handler(auth.require(Role.VIEWER)).handler(this::list);
        router.get("/api/v1/warnings/:id").handler(auth.require(Role.VIEWER)).handler(this::get);
    }

    private Optional<Warning> current(String id) {
        Warning mine = recentWrites.get(id);
        Optional<Warning> stored = warnings.get(id);
        return mine != null && stored.map(w -> w.version() < mine.version()).orElse(true) ? Optional.of(mine) : stored;
    }

    private void list(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        Map<String, Warning> all = new ConcurrentHashMap<>(warnings.all());
        recentWrites.forEach((id, w) -> current(id).ifPresent(c -> all.put(id, c)));
        List<Warning> out = all.values().stream().filter(w -> state == null || w.state().name().equalsIgnoreCase(state))
                .sorted(Comparator.comparing(Warning::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        json(ctx, 200, Json.MAPPER.valueToTree(out));
    }

    private void get(RoutingContext ctx) {
        current(ctx.pathParam("id")).ifPresentOrElse(w -> json(ctx, 200, Json.MAPPER.valueToTree(w)),
                () -> ApiErrors.send(ctx, 404, "warning not found", List.of(ctx.pathParam("id"))));
    }

    private void draft(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        String actor = ctx.get(ApiAuth.ACTOR);
        writeValid(ctx, null, validator.validate(body, null, UUID.randomUUID().toString(), actor, settings.office(), clock.instant()), "draft",
                actor, 201);
    }

    private void approve(RoutingContext ctx) {
        Warning w = found(ctx);
        if (w == null) {
            return;
        }
        String actor = ctx.get(ApiAuth.ACTOR);
        ApprovalRule.Verdict verdict = ApprovalRule.check(w, actor, settings.authorMaySend(), clock.instant());
        if (!verdict.allowed()) {
            audit(w, w, "approve-refused", actor, verdict.reason());
            LOG.info("warning approval refused [id: {}, approver: {}, reason: {}]", w.id(), actor, verdict.reason());
            ApiErrors.send(ctx, verdict.status(), verdict.reason(), verdict.details());
            return;
        }
        Warning approved = w.next(Warning.State.APPROVED, actor, null, clock.instant());
        write(ctx, w, approved, "approve", actor, 200);
    }

    private void update(RoutingContext ctx) {
        Warning w = found(ctx);
        JsonNode patch = w == null ? null : body(ctx);
        if (patch == null) {
            return;
        }
        if (!open(ctx, w)) {
            return;
        }
        ObjectNode merged = Json.MAPPER.valueToTree(w);
        if (patch.has("zones") || patch.has("area")) {
            merged.remove(List.of("zones", "area"));
        }
        patch.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        String actor = ctx.get(ApiAuth.ACTOR);
        writeValid(ctx, w, validator.validate(merged, w, w.id(), actor, w.office(), clock.instant()), "update", actor, 200);
    }

    private void cancel(RoutingContext ctx) {
        Warning w = found(ctx);
        if (w == null || !open(ctx, w)) {
            return;
        }
        String actor = ctx.get(ApiAuth.ACTOR);
        Warning cancelled = w.next(Warning.State.CANCELLED, w.approvedBy(), actor, clock.instant());
        write(ctx, w, cancelled, "cancel", actor, 200);
    }

    /** A draft, or a sent warning whose alert is still active; else 409. */
    private boolean open(RoutingContext ctx, Warning w) {
        boolean ended = w.state() == Warning.State.CANCELLED || (w.state() == Warning.State.APPROVED
                && alerts.get(w.id()).map(e -> !e.alert().active()).orElse(false));
        if (ended) {
            ApiErrors.send(ctx, 409, "the warning has ended", List.of("state: " + (w.state() == Warning.State.CANCELLED
                    ? "cancelled" : "resolved (expired)")));
        }
        return !ended;
    }

    private Warning found(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<Warning> w = current(id);
        if (w.isEmpty()) {
            ApiErrors.send(ctx, 404, "warning not found", List.of("id: " + id + " is not an officer-issued warning"));
            return null;
        }
        return w.get();
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            String text = ctx.body().asString();
            return Json.MAPPER.readTree(text == null ? "" : text);
        } catch (Exception e) {
            ApiErrors.send(ctx, 400, "invalid request body", List.of("body: must be JSON"));
            return null;
        }
    }

    /** Stores the validated warning as {@link #write} does; a refused one gets a 400 naming every problem. */
    private void writeValid(RoutingContext ctx, Warning before, WarningValidator.Result r, String action, String actor, int status) {
        if (!r.ok()) {
            ApiErrors.send(ctx, 400, "invalid warning", r.problems());
            return;
        }
        write(ctx, before, r.warning(), action, actor, status);
    }

    /** Publishes the warning and its audit entry, then answers {@code status} with the warning (503 when it cannot be stored). */
    private void write(RoutingContext ctx, Warning before, Warning after, String action, String actor, int status) {
        Future.all(publisher.publish(Topics.WARNINGS, after.id(), after), audit(before, after, action, actor, null))
                .onSuccess(v -> {
                    recentWrites.put(after.id(), after);
                    LOG.info("warning {} [id: {}, actor: {}, severity: {}, zones: {}, version: {}]", action, after.id(), actor,
                            after.severity(), after.zones(), after.version());
                    json(ctx, status, Json.MAPPER.valueToTree(after));
                })
                .onFailure(e -> {
                    LOG.warn("warning change not stored [id: {}, reason: {}]", after.id(), e.getMessage());
                    ctx.response().putHeader("Retry-After", "5");
                    ApiErrors.send(ctx, 503, "warnings unavailable, try again", List.of());
                });
    }

    private Future<?> audit(Warning before, Warning after, String action, String actor, String reason) {
        AuditEntry entry = new AuditEntry("warning", after.id(), action, actor, clock.instant(), after.version(),
                before == null ? null : Json.MAPPER.valueToTree(before), Json.MAPPER.valueToTree(after),
                action + " warning " + after.id() + " (" + after.severity() + " " + after.hazard().wire() + ", " + after.zones() + ")"
                        + (reason == null ? "" : ": " + reason));
        return publisher.publish(Topics.AUDIT, "warning/" + after.id(), entry);
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }
}
