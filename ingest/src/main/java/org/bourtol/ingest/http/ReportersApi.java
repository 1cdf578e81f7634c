package org.bourtol.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.Reporter;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.directory.ReporterDirectory;
import org.bourtol.ingest.sms.Language;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.kafka.Outgoing;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.http.Role;

/**
 * The reporter directory (docs/contracts.md): {@code GET /api/v1/reporters} and {@code GET /api/v1/reporters/{id}}
 * (officer: the directory names focal points), {@code PUT} and {@code DELETE} (officer). Stored on the compacted reporters topic with the
 * phone (the directory is the one place that holds it) and its pseudonym, computed here; every
 * change is audited with masked documents. Responses never contain a full phone number.
 */
public final class ReportersApi {

    public static final String PATH = "/api/v1/reporters";

    private final ApiAuth auth;
    private final ReporterDirectory directory;
    private final Pseudonyms pseudonyms;
    private final Publisher sink;
    private final Clock clock;
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    public ReportersApi(ApiAuth auth, ReporterDirectory directory, Pseudonyms pseudonyms, Publisher sink, Clock clock) {
        this.auth = auth;
        this.directory = directory;
        this.pseudonyms = pseudonyms;
        this.sink = sink;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(auth.require(Role.OFFICER)).handler(ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            directory.all().forEach(r -> out.add(masked(r)));
            json(ctx, 200, out);
        });
        router.get(PATH + "/:id").handler(auth.require(Role.OFFICER)).handler(ctx -> directory.byId(ctx.pathParam("id"))
                .ifPresentOrElse(r -> json(ctx, 200, masked(r)), () -> ApiErrors.send(ctx, 404, "reporter not found", List.of())));
        router.put(PATH + "/:id").handler(auth.require(Role.OFFICER));
        router.put(PATH + "/:id").handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
                .handler(this::put);
        router.delete(PATH + "/:id").handler(auth.require(Role.OFFICER)).handler(this::delete);
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            ApiErrors.send(ctx, 400, "body is not valid JSON", List.of());
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            problems.add("id must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (body == null || !body.isObject()) {
            ApiErrors.send(ctx, 400, "body must be a JSON object", List.of());
            return;
        }
        String name = body.path("name").asText("");
        String phone = body.path("phone").asText("").replaceAll("[\\s.-]", "");
        String language = body.path("language").asText("fr");
        if (name.isBlank()) {
            problems.add("name is missing");
        }
        Phones.problem(phone).ifPresent(problems::add);
        if (!Language.available().contains(language)) {
            // the reply languages: one per replies_<lang>.properties (docs/translations.md)
            List<String> known = Language.values().stream().map(Language::tag).toList();
            problems.add("language must be " + String.join(", ", known.subList(0, known.size() - 1)) + " or " + known.get(known.size() - 1));
        }
        if (!problems.isEmpty()) {
            ApiErrors.send(ctx, 400, "invalid reporter", problems);
            return;
        }
        Reporter reporter = new Reporter(id, name, phone, pseudonyms.of(phone), language,
                body.hasNonNull("homeZone") ? body.get("homeZone").asText() : null, body.path("verified").asBoolean(false));
        Reporter before = directory.byId(id).orElse(null);
        int version = versions.compute(id, (k, v) -> v == null ? (before == null ? 1 : 2) : v + 1);
        Instant now = clock.instant();
        String actor = ctx.get(ApiAuth.ACTOR);
        Outgoing audit = Audit.entry("reporter", id, before == null ? "create" : "update", actor, version,
                before == null ? null : masked(before), masked(reporter), (before == null ? "created" : "updated") + " reporter " + id, now);
        sink.send(List.of(Outgoing.of(Topics.REPORTERS, id, reporter), audit)).onComplete(ar -> {
            if (ar.failed()) {
                unavailable(ctx);
                return;
            }
            directory.apply(id, reporter);
            json(ctx, before == null ? 201 : 200, masked(reporter));
        });
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Reporter before = directory.byId(id).orElse(null);
        if (before == null) {
            ApiErrors.send(ctx, 404, "reporter not found", List.of());
            return;
        }
        int version = versions.compute(id, (k, v) -> v == null ? 2 : v + 1);
        Outgoing audit = Audit.entry("reporter", id, "delete", ctx.get(ApiAuth.ACTOR), version, masked(before), null,
                "deleted reporter " + id, clock.instant());
        sink.send(List.of(Outgoing.of(Topics.REPORTERS, id, null), audit)).onComplete(ar -> {
            if (ar.failed()) {
                unavailable(ctx);
                return;
            }
            directory.apply(id, null);
            ctx.response().setStatusCode(204).end();
        });
    }

    static ObjectNode masked(Reporter r) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", r.id()).put("name", r.name()).put("phone", Phones.mask(r.phone()))
                .put("pseudonym", r.pseudonym()).put("language", r.language()).put("verified", r.verified());
        if (r.homeZone() != null) {
            n.put("homeZone", r.homeZone());
        }
        return n;
    }

    static void unavailable(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "10");
        ApiErrors.send(ctx, 503, "kafka is unavailable, retry later", List.of());
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }
}
