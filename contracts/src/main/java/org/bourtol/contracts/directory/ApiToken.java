package org.bourtol.contracts.directory;

import java.time.Instant;

/**
 * An API bearer token on the compacted {@code bourtol.tokens.v1} topic, keyed by the SHA-256 hex of
 * the token: the token itself is never stored. {@code role} is viewer, officer or admin.
 */
public record ApiToken(String sha256, String name, String role, Instant createdAt) {
}
