package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An API bearer token on the compacted {@code bourtol.tokens.v1} topic, keyed by the SHA-256 hex of
 * the token: the token itself is never stored. {@code role} is viewer, officer, admin or ingest.
 * {@code expiresAt} (null: never, only for tokens written before expiry existed) ends its validity;
 * {@code revokedAt} set marks a revoked token that must stay known as revoked (the startup admin
 * token, which comes from the environment and would otherwise be accepted again after a restart).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiToken(String sha256, String name, String role, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    /** A token that never expires (the startup admin token; tokens stored before expiry existed). */
    public ApiToken(String sha256, String name, String role, Instant createdAt) {
        this(sha256, name, role, createdAt, null, null);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public ApiToken revoked(Instant at) {
        return new ApiToken(sha256, name, role, createdAt, expiresAt, at);
    }
}
