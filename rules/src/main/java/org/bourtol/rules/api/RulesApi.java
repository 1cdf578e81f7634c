package org.bourtol.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.topic.Json;
import org.bourtol.platform.http.ApiException;
import org.bourtol.rules.engine.RuleValidator;

/**
 * {@code /api/v1/rules}: list, {@code GET|PUT|DELETE /{id}} and {@code GET /{id}/history}. A PUT is
 * validated (reasons an officer understands), versioned (previous version + 1) and attributed (the
 * token's name, now); the audit topic keeps every version with a summary of what changed.
 */
public final class RulesApi {

    private final Directories dirs;
    private final RuleValidator validator;
    private final RuleTypes types;

    public RulesApi(Directories dirs, RuleValidator validator, RuleTypes types) {
        this.dirs = dirs;
        this.validator = validator;
        this.types = types;
    }

    void types(RoutingContext ctx) {
        Http.json(ctx, 200, types.all());
    }

    void list(RoutingContext ctx) {
        String type = ctx.queryParams().get("type");
        Http.json(ctx, 200, dirs.rules().values().stream()
                .filter(r -> type == null || r.type().equals(type))
                .sorted(Comparator.comparing(RuleDocument::id)).toList());
    }

    void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Http.json(ctx, 200, dirs.rule(id).orElseThrow(() -> ApiException.notFound("rule " + id)));
    }

    void history(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        List<AuditEntry> entries = dirs.history().of("rule", id);
        if (entries.isEmpty() && dirs.rule(id).isEmpty()) {
            throw ApiException.notFound("rule " + id);
        }
        Http.json(ctx, 200, entries.stream().map(e -> {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("version", e.version());
            n.put("action", e.action());
            n.put("by", e.actor());
            n.put("at", e.at().toString());
            n.put("changes", e.summary());
            n.set("rule", e.after());
            return n;
        }).toList());
    }

    /** The same checks as a PUT, without storing: 200 {@code {"valid": bool, "problems": [...]}}. */
    void validate(RoutingContext ctx) {
        List<String> problems;
        try {
            problems = List.of();
            parse(ctx);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            problems = e.details().isEmpty() ? List.of(e.getMessage()) : e.details();
        }
        Http.json(ctx, 200, Map.of("valid", problems.isEmpty(), "problems", problems));
    }

    /** The request's rule document, checked by the validator; 400 with every problem otherwise. */
    private RuleDocument parse(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = Http.body(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("a rule must be a JSON object", List.of());
        }
        if (body.hasNonNull("id") && !id.equals(body.get("id").asText())) {
            throw ApiException.badRequest("rule refused", List.of("id '" + body.get("id").asText() + "' differs from the id in the path '" + id + "'"));
        }
        ObjectNode doc = ((ObjectNode) body).deepCopy();
        doc.put("id", id);
        if (!doc.has("enabled")) {
            doc.put("enabled", true);
        }
        RuleDocument parsed;
        try {
            parsed = Json.MAPPER.treeToValue(doc, RuleDocument.class);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw ApiException.badRequest("rule refused", List.of(String.valueOf(root.getMessage()).lines().findFirst().orElse("")));
        }
        List<String> problems = validator.validate(parsed, dirs::zone);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("rule " + id + " refused", problems);
        }
        return parsed;
    }

    void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        RuleDocument parsed = parse(ctx);
        RuleDocument before = dirs.rule(id).orElse(null);
        int version = before == null ? 1 : before.version() + 1;
        if (before == null) {
            version = Math.max(version, dirs.history().of("rule", id).stream().mapToInt(AuditEntry::version).max().orElse(0) + 1);
        }
        RuleDocument stored = new RuleDocument(id, parsed.type(), parsed.enabled(), parsed.zones(), parsed.params(),
                parsed.seasons(), parsed.severity(), parsed.description(), version, Http.actor(ctx), Instant.now());
        Http.back(ctx, dirs.putRule(stored, Http.actor(ctx)))
                .onSuccess(v -> Http.json(ctx, before == null ? 201 : 200, stored))
                .onFailure(e -> ctx.fail(new ApiException(503, "rule not stored: Kafka is unavailable")));
    }

    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (dirs.rule(id).isEmpty()) {
            throw ApiException.notFound("rule " + id);
        }
        Http.back(ctx, dirs.deleteRule(id, Http.actor(ctx)))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(e -> ctx.fail(new ApiException(503, "rule not deleted: Kafka is unavailable")));
    }

}
