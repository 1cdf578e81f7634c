package org.bourtol.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What makes an alert an officer-issued warning rather than a rule's: who wrote it ({@code by}, the
 * author's token name) and who approved it, the issuing office (the CAP {@code sender}), whether it is
 * a {@code test} (only recipients marked as testers, CAP status Test), every zone it covers (the
 * alert's {@code zone} is the first), the warning's {@code version} (raised at the version approved,
 * each update a higher one), when it expires, and whether it ended by cancellation rather than expiry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issued(String by, String approvedBy, String office, boolean test, List<String> zones, int version,
        Instant expiresAt, boolean cancelled, String cancelledBy) {

    public Issued {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("an issued alert names its author");
        }
        zones = zones == null ? List.of() : List.copyOf(zones);
    }
}
