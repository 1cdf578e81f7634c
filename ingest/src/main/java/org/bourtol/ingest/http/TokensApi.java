package org.bourtol.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.kafka.Outgoing;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.http.Role;

/**
 * API tokens (admin): {@code POST /api/v1/tokens} {@code {"name","role"}} creates a random token,
 * returned once; only its SHA-256 is stored (tokens topic) and audited. {@code GET} lists the stored
 * tokens (hash, name, role, creation time), {@code DELETE /api/v1/tokens/{sha256}} revokes one.
 */
public final class TokensApi {

    public static final String PATH = "/api/v1/tokens";

    private final ApiAuth auth;
    private final Publisher sink;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();

    public TokensApi(ApiAuth auth, Publisher sink, Clock clock) {
        this.auth = auth;
        this.sink = sink;
        this.clock = clock;
    }

    /** A change from the tokens topic; null removes. */
    public void apply(String sha, ApiToken token) {
        if (token == null) {
            tokens.remove(sha);
        } else {
            tokens.put(sha, token);
        }
    }

    public void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(4096)).handler(auth.require(Role.ADMIN)).handler(this::create);
        router.get(PATH).handler(auth.require(Role.ADMIN)).handler(ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            tokens.values().stream().sorted(Comparator.comparing(ApiToken::createdAt)).forEach(t -> out.add(view(t)));
            ReportersApi.json(ctx, 200, out);
        });
        router.delete(PATH + "/:sha").handler(auth.require(Role.ADMIN)).handler(this::revoke);
    }

    private void create(RoutingContext ctx) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || body.path("name").asText("").isBlank()) {
            ApiErrors.send(ctx, 400, "expected {\"name\": \"...\", \"role\": \"viewer|officer|admin\"}", List.of());
            return;
        }
        Role role;
        try {
            role = Role.parse(body.path("role").asText("viewer"));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(ctx, 400, e.getMessage(), List.of());
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "bt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(ApiAuth.sha256(secret), body.get("name").asText(), role.name().toLowerCase(), now);
        Outgoing audit = Audit.entry("token", token.sha256(), "create", ctx.get(ApiAuth.ACTOR), 1, null, view(token),
                "created " + token.role() + " token " + token.name(), now);
        sink.send(List.of(Outgoing.of(Topics.TOKENS, token.sha256(), token), audit)).onComplete(ar -> {
            if (ar.failed()) {
                ReportersApi.unavailable(ctx);
                return;
            }
            auth.put(token);
            apply(token.sha256(), token);
            ReportersApi.json(ctx, 201, view(token).put("token", secret));
        });
    }

    private void revoke(RoutingContext ctx) {
        String sha = ctx.pathParam("sha");
        ApiToken before = tokens.get(sha);
        if (before == null) {
            ApiErrors.send(ctx, 404, "token not found", List.of());
            return;
        }
        Outgoing audit = Audit.entry("token", sha, "delete", ctx.get(ApiAuth.ACTOR), 2, view(before), null,
                "revoked token " + before.name(), clock.instant());
        sink.send(List.of(Outgoing.of(Topics.TOKENS, sha, null), audit)).onComplete(ar -> {
            if (ar.failed()) {
                ReportersApi.unavailable(ctx);
                return;
            }
            auth.remove(sha);
            apply(sha, null);
            ctx.response().setStatusCode(204).end();
        });
    }

    private static ObjectNode view(ApiToken t) {
        return Json.MAPPER.createObjectNode().put("sha256", t.sha256()).put("name", t.name()).put("role", t.role())
                .put("createdAt", String.valueOf(t.createdAt()));
    }
}
