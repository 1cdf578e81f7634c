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
import java.time.Duration;
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
 * API tokens (admin): {@code POST /api/v1/tokens} {@code {"name","role","ttl"}} creates a random
 * token, returned once, valid for {@code ttl} (ISO-8601 duration, default {@value #DEFAULT_TTL}, from
 * 1 minute to 366 days); only its SHA-256 is stored (tokens topic) and audited. {@code GET} lists the
 * stored tokens (hash, name, role, creation and expiry time) and the startup admin token
 * ({@code "startup": true}); {@code DELETE /api/v1/tokens/{sha256}} revokes one. Revoking the startup
 * admin token (BOURTOL_ADMIN_TOKEN or the generated one) stores a revoked record of its hash, so it
 * stays refused after a restart with the same setting.
 */
public final class TokensApi {

    public static final String PATH = "/api/v1/tokens";
    public static final String DEFAULT_TTL = "P90D";
    private static final Duration MIN_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_TTL = Duration.ofDays(366);

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
        router.post(PATH).handler(auth.require(Role.ADMIN));
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(4096)).handler(this::create);
        router.get(PATH).handler(auth.require(Role.ADMIN)).handler(ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            auth.startupToken().filter(t -> !tokens.containsKey(t.sha256())).ifPresent(t -> out.add(view(t).put("startup", true)));
            tokens.values().stream().sorted(Comparator.comparing(ApiToken::createdAt))
                    .forEach(t -> out.add(auth.startupSha().filter(t.sha256()::equals).isPresent() ? view(t).put("startup", true) : view(t)));
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
            ApiErrors.send(ctx, 400, "expected {\"name\": \"...\", \"role\": \"viewer|officer|admin|ingest\", \"ttl\": \"P90D\"}", List.of());
            return;
        }
        Role role;
        Duration ttl;
        try {
            role = Role.parse(body.path("role").asText("viewer"));
            ttl = ttl(body.path("ttl").asText(DEFAULT_TTL));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(ctx, 400, e.getMessage(), List.of());
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "bt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(ApiAuth.sha256(secret), body.get("name").asText(), role.wire(), now, now.plus(ttl), null);
        Outgoing audit = Audit.entry("token", token.sha256(), "create", ctx.get(ApiAuth.ACTOR), 1, null, view(token),
                "created " + token.role() + " token " + token.name(), now);
        publish(ctx, token.sha256(), token, audit, () -> ReportersApi.json(ctx, 201, view(token).put("token", secret)));
    }

    static Duration ttl(String text) {
        Duration d;
        try {
            d = Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ttl must be an ISO-8601 duration such as P30D or PT12H, got '" + text + "'");
        }
        if (d.compareTo(MIN_TTL) < 0 || d.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be between PT1M and P366D, got '" + text + "'");
        }
        return d;
    }

    private void revoke(RoutingContext ctx) {
        String sha = ctx.pathParam("sha");
        if (auth.startupSha().filter(sha::equals).isPresent()) {
            revokeStartup(ctx, sha);
            return;
        }
        ApiToken before = tokens.get(sha);
        if (before == null) {
            ApiErrors.send(ctx, 404, "token not found", List.of());
            return;
        }
        Outgoing audit = Audit.entry("token", sha, "delete", ctx.get(ApiAuth.ACTOR), 2, view(before), null,
                "revoked token " + before.name(), clock.instant());
        publish(ctx, sha, null, audit, () -> ctx.response().setStatusCode(204).end());
    }

    /** The startup admin token cannot be deleted (it comes from the environment): a revoked record of its hash is kept instead. */
    private void revokeStartup(RoutingContext ctx, String sha) {
        ApiToken before = auth.startupToken().orElseThrow();
        if (before.revokedAt() != null) {
            ApiErrors.send(ctx, 404, "token not found", List.of("the startup admin token is already revoked"));
            return;
        }
        ApiToken revoked = before.revoked(clock.instant());
        Outgoing audit = Audit.entry("token", sha, "revoke", ctx.get(ApiAuth.ACTOR), 2, view(before), view(revoked),
                "revoked the startup admin token", revoked.revokedAt());
        publish(ctx, sha, revoked, audit, () -> ctx.response().setStatusCode(204).end());
    }

    /**
     * The token's record (null: deleted) and its audit entry to Kafka; once Kafka has both, the change holds here at once
     * (the topic brings it to the other instances) and {@code answer} runs; 503 when Kafka refuses.
     */
    private void publish(RoutingContext ctx, String sha, ApiToken token, Outgoing audit, Runnable answer) {
        sink.send(List.of(Outgoing.of(Topics.TOKENS, sha, token), audit)).onComplete(ar -> {
            if (ar.failed()) {
                ReportersApi.unavailable(ctx);
                return;
            }
            if (token == null) {
                auth.remove(sha);
            } else {
                auth.put(token);
            }
            apply(sha, token);
            answer.run();
        });
    }

    private static ObjectNode view(ApiToken t) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("sha256", t.sha256()).put("name", t.name()).put("role", t.role())
                .put("createdAt", String.valueOf(t.createdAt()));
        if (t.expiresAt() != null) {
            n.put("expiresAt", t.expiresAt().toString());
        }
        if (t.revokedAt() != null) {
            n.put("revokedAt", t.revokedAt().toString());
        }
        return n;
    }
}
