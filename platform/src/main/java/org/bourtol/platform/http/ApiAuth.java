package org.bourtol.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.ApiToken;

/**
 * Bearer-token authentication with roles. Only SHA-256 hashes of tokens are kept (seeded admin token
 * and the {@code bourtol.tokens.v1} directory, fed through {@link #put}/{@link #remove}).
 * {@link #require(Role)} answers 401 without a known token and 403 with a token of a lower role, and
 * puts the caller's name in the context under {@code "actor"} for audit and its role under {@code "role"}.
 */
public final class ApiAuth {

    public static final String ACTOR = "actor";
    /** The caller's {@link Role}, put in the context next to {@link #ACTOR}. */
    public static final String ROLE = "role";

    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();

    public ApiAuth(String adminToken) {
        if (adminToken != null) {
            put(new ApiToken(sha256(adminToken), "admin", "admin", java.time.Instant.EPOCH));
        }
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void put(ApiToken token) {
        byHash.put(token.sha256(), token);
    }

    public void remove(String sha256) {
        byHash.remove(sha256);
    }

    /** The token record for an Authorization header value, if it is a known bearer token. */
    public Optional<ApiToken> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(authorizationHeader.substring(7).trim())));
    }

    public Handler<RoutingContext> require(Role role) {
        return ctx -> {
            Optional<ApiToken> token = authenticate(ctx.request().getHeader("Authorization"));
            if (token.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"bourtol\"");
                ApiErrors.send(ctx, 401, "missing or unknown bearer token", List.of());
                return;
            }
            Role has = Role.parse(token.get().role());
            if (!has.includes(role)) {
                ApiErrors.send(ctx, 403, "this needs the " + role.name().toLowerCase() + " role", List.of("token role: " + token.get().role()));
                return;
            }
            ctx.put(ACTOR, token.get().name());
            ctx.put(ROLE, has);
            ctx.next();
        };
    }
}
