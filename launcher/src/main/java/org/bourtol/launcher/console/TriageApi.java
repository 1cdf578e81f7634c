package org.bourtol.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.triage.TriageMessage;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;
import org.bourtol.platform.http.Role;
import org.bourtol.platform.kafka.Publisher;

/**
 * Messages to read: {@code GET /api/v1/triage} (viewer; {@code ?all=true} includes decided ones) lists
 * the messages on {@code bourtol.triage.v1} and the SMS on {@code bourtol.rejected.v1}, newest first, with
 * the decision taken on each. An officer decides once per message: {@code POST /{id}/report}
 * ({@code {"type": "CLASH", "zone": "konna", "text": "…"}}) publishes a {@link CommunityReport} with id
 * {@code triage-<id>}, reporter {@code officer:<name>}, verified, observed when the SMS was received, then
 * the decision; {@code POST /{id}/dismiss} ({@code {"reason": "…"}}) publishes the decision only. A
 * decision is an {@link AuditEntry} of entity {@code triage} on {@code bourtol.audit.v1} (kept forever),
 * so a message leaves the list only with one of the two, and who decided and why stays on record.
 */
final class TriageApi {

    private static final String PATH = "/api/v1/triage";

    private final ConsoleData data;
    private final Publisher publisher;

    TriageApi(ConsoleData data, Publisher publisher) {
        this.data = data;
        this.publisher = publisher;
    }

    void mount(Router router, ApiAuth auth) {
        router.route(PATH + "/*").handler(auth.require(Role.VIEWER));
        router.route(PATH + "/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.get(PATH).handler(auth.require(Role.VIEWER)).handler(this::list);
        router.post(PATH + "/:id/report").handler(auth.require(Role.OFFICER)).handler(this::report);
        router.post(PATH + "/:id/dismiss").handler(auth.require(Role.OFFICER)).handler(this::dismiss);
    }

    /** Every message to read by id (triage wins over a rejection of the same SMS). */
    Map<String, ObjectNode> messages() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (Rejected r : data.rejected.all().values()) {
            if (r.source() == Source.SMS) {
                ObjectNode n = Json.MAPPER.createObjectNode().put("id", r.id()).put("kind", "rejected")
                        .put("receivedAt", r.receivedAt().toString()).put("reporterId", r.reporterId())
                        .put("text", r.payload() == null ? "" : Phones.maskInText(r.payload()))
                        .put("reason", r.reason()).put("code", r.code());
                out.put(r.id(), n);
            }
        }
        for (TriageMessage t : data.triage.all().values()) {
            ObjectNode n = Json.MAPPER.createObjectNode().put("id", t.id()).put("kind", "triage")
                    .put("receivedAt", t.receivedAt().toString()).put("reporterId", t.reporterId())
                    .put("verified", t.verified()).put("text", t.text()).put("language", t.language())
                    .put("zoneId", t.zoneId()).put("placeName", t.placeName())
                    .put("type", t.type() == null ? null : t.type().wire()).put("reason", t.reason());
            n.set("matchedWords", Json.MAPPER.valueToTree(t.matchedWords()));
            out.put(t.id(), n);
        }
        return out;
    }

    private void list(RoutingContext ctx) {
        boolean all = "true".equals(ctx.queryParams().get("all"));
        List<ObjectNode> items = new ArrayList<>();
        boolean officer = ApiAuth.has(ctx, Role.OFFICER);
        for (ObjectNode m : messages().values()) {
            ObjectNode n = m.deepCopy();
            if (!officer) {
                n.remove("reporterId"); // viewers do not see who sent what
            }
            AuditEntry d = data.decisions.get(n.get("id").asText());
            if (d != null) {
                if (!all) {
                    continue;
                }
                n.putObject("decision").put("action", d.action()).put("by", d.actor()).put("at", d.at().toString())
                        .put("summary", d.summary());
            }
            items.add(n);
        }
        items.sort(Comparator.comparing((ObjectNode n) -> n.get("receivedAt").asText()).reversed());
        ConsoleApi.json(ctx, 200, items);
    }

    private ObjectNode open(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ObjectNode m = messages().get(id);
        if (m == null) {
            throw ApiException.notFound("message " + id);
        }
        AuditEntry d = data.decisions.get(id);
        if (d != null) {
            throw new ApiException(409, "message " + id + " was already decided (" + d.action() + " by " + d.actor() + ")", List.of());
        }
        return m;
    }

    private void report(RoutingContext ctx) {
        ObjectNode m = open(ctx);
        JsonNode body = body(ctx);
        List<String> problems = new ArrayList<>();
        ReportType type = null;
        try {
            type = ReportType.fromWire(body.path("type").asText(null));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String zone = body.path("zone").asText("").trim();
        if (zone.isEmpty()) {
            problems.add("zone is required");
        } else if (data.zones.get(zone).isEmpty()) {
            problems.add("zone '" + zone + "' does not exist");
        }
        String text = body.path("text").asText(m.path("text").asText("")).trim();
        if (text.length() > 1600) {
            problems.add("text is longer than 1600 characters");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("report refused", problems);
        }
        String actor = actor(ctx);
        Instant now = Instant.now();
        String id = m.get("id").asText();
        CommunityReport report = new CommunityReport("triage-" + id, Source.HTTP, Instant.parse(m.get("receivedAt").asText()), now,
                "officer:" + actor, true, type, zone, null, null, Phones.maskInText(text));
        AuditEntry decision = new AuditEntry(ConsoleData.TRIAGE, id, "report", actor, now, 1, m,
                Json.MAPPER.valueToTree(report), "report " + type.wire() + " at " + zone);
        back(ctx, publisher.publish(Topics.OBSERVATIONS, report.subject(), report)
                .compose(x -> publisher.publish(Topics.AUDIT, ConsoleData.TRIAGE + "/" + id, decision)))
                .onSuccess(x -> {
                    data.decisions.put(id, decision);
                    ConsoleApi.json(ctx, 201, Map.of("report", report.id(), "decision", "report"));
                })
                .onFailure(e -> ctx.fail(new ApiException(503, "report not recorded: Kafka is unavailable")));
    }

    private void dismiss(RoutingContext ctx) {
        ObjectNode m = open(ctx);
        String reason = body(ctx).path("reason").asText("").trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiException.badRequest("dismissal refused", List.of("'reason' must be a text of 1 to 500 characters"));
        }
        String id = m.get("id").asText();
        String actor = actor(ctx);
        AuditEntry decision = new AuditEntry(ConsoleData.TRIAGE, id, "dismiss", actor, Instant.now(), 1, m, null, reason);
        back(ctx, publisher.publish(Topics.AUDIT, ConsoleData.TRIAGE + "/" + id, decision))
                .onSuccess(x -> {
                    data.decisions.put(id, decision);
                    ConsoleApi.json(ctx, 200, Map.of("decision", "dismiss"));
                })
                .onFailure(e -> ctx.fail(new ApiException(503, "dismissal not recorded: Kafka is unavailable")));
    }

    static JsonNode body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
            throw ApiException.badRequest("request body is missing", List.of());
        }
        try {
            JsonNode n = Json.MAPPER.readTree(ctx.body().buffer().getBytes());
            if (n == null || !n.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object", List.of());
            }
            return n;
        } catch (IOException e) {
            throw ApiException.badRequest("request body is not valid JSON", List.of());
        }
    }

    private static String actor(RoutingContext ctx) {
        Object a = ctx.get(ApiAuth.ACTOR);
        return a == null ? "unknown" : a.toString();
    }

    /** Completes on the request's Vert.x context (Kafka completes futures on its producer thread). */
    static <T> Future<T> back(RoutingContext ctx, Future<T> f) {
        Context context = ctx.vertx().getOrCreateContext();
        Promise<T> p = Promise.promise();
        f.onComplete(ar -> context.runOnContext(v -> p.handle(ar)));
        return p.future();
    }
}
