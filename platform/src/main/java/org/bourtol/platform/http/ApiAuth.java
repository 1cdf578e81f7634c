package org.bourtol.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.ApiToken;

/**
 * Bearer-token authentication with roles. Only SHA-256 hashes of tokens are kept (seeded admin token
 * and the {@code bourtol.tokens.v1} directory, fed through {@link #put}/{@link #remove}).
 * {@link #require(Role)} answers 401 without a known token, with an expired or a revoked one, and 403
 * with a token whose role does not include the one needed; it puts the caller's name in the context
 * under {@code "actor"} for audit and its role under {@code "role"} (see {@link #role}). A record of
 * the startup admin token's hash with {@code revokedAt} set (written by the tokens API) revokes it.
 */
public final class ApiAuth {

    public static final String ACTOR = "actor";
    /** The caller's {@link Role}, put in the context next to {@link #ACTOR}. */
    public static final String ROLE = "role";
    /** The name of the startup admin token (BOURTOL_ADMIN_TOKEN or the generated one). */
    public static final String STARTUP_NAME = "admin";

    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String startupSha;

    public ApiAuth(String adminToken) {
        this(adminToken, Clock.systemUTC());
    }

    public ApiAuth(String adminToken, Clock clock) {
        this.clock = clock;
        this.startupSha = adminToken == null ? null : sha256(adminToken);
        if (adminToken != null) {
            put(new ApiToken(startupSha, STARTUP_NAME, "admin", java.time.Instant.EPOCH));
        }
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of the startup admin token, if there is one. */
    public Optional<String> startupSha() {
        return Optional.ofNullable(startupSha);
    }

    /** The startup admin token's record (revoked or not), if there is one. */
    public Optional<ApiToken> startupToken() {
        return startupSha == null ? Optional.empty() : Optional.ofNullable(byHash.get(startupSha));
    }

    /** A token from the directory; a revoked one stays known as revoked (it overrides the seeded admin token). */
    public void put(ApiToken token) {
        byHash.put(token.sha256(), token);
    }

    public void remove(String sha256) {
        byHash.remove(sha256);
    }

    /** The token record for an Authorization header value, if it is a known bearer token, neither expired nor revoked. */
    public Optional<ApiToken> authenticate(String authorizationHeader) {
        return lookup(authorizationHeader).filter(t -> t.revokedAt() == null && !t.expiredAt(clock.instant()));
    }

    private Optional<ApiToken> lookup(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(authorizationHeader.substring(7).trim())));
    }

    public Handler<RoutingContext> require(Role role) {
        return ctx -> {
            Optional<ApiToken> token = lookup(ctx.request().getHeader("Authorization"));
            String refused = token.isEmpty() ? "missing or unknown bearer token"
                    : token.get().revokedAt() != null ? "token revoked"
                            : token.get().expiredAt(clock.instant()) ? "token expired" : null;
            if (refused != null) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"bourtol\"");
                ApiErrors.send(ctx, 401, refused, List.of());
                return;
            }
            Role has = Role.parse(token.get().role());
            if (!has.includes(role)) {
                ApiErrors.send(ctx, 403, "this needs the " + role.wire() + " role", List.of("token role: " + token.get().role()));
                return;
            }
            ctx.put(ACTOR, token.get().name());
            ctx.put(ROLE, has);
            ctx.next();
        };
    }

    /** The caller's role after {@link #require}, or null on a route without it. */
    public static Role role(RoutingContext ctx) {
        return ctx.get(ROLE);
    }

    /** True when the caller (after {@link #require}) may do what {@code role} may. */
    public static boolean has(RoutingContext ctx, Role role) {
        Role r = role(ctx);
        return r != null && r.includes(role);
    }
}
