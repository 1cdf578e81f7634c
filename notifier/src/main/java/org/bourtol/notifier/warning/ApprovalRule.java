package org.bourtol.notifier.warning;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Warning;

/**
 * Who may approve a draft warning. <b>Two-person rule</b>: a Severe or Extreme warning is approved by
 * someone other than its author (another officer, or an admin); the author's own approval is refused
 * with 403. A Minor or Moderate warning may be approved by its author only when
 * {@code notifier.warningAuthorMaySend} is true (default false). People are told apart by their
 * token's name. Only a draft that has not expired can be approved (409 otherwise). Pure.
 */
public final class ApprovalRule {

    /** The answer: allowed, or refused with an HTTP status and the reason. */
    public record Verdict(int status, String reason, List<String> details) {
        static final Verdict ALLOWED = new Verdict(200, null, List.of());

        public boolean allowed() {
            return status == 200;
        }
    }

    private ApprovalRule() {
    }

    public static Verdict check(Warning w, String approver, boolean authorMaySend, Instant now) {
        if (w.state() != Warning.State.DRAFT) {
            return new Verdict(409, "only a draft can be approved", List.of("state: the warning is " + w.state().name().toLowerCase()));
        }
        if (w.expiresAt() != null && !w.expiresAt().isAfter(now)) {
            return new Verdict(409, "the draft has expired", List.of("expiresAt: " + w.expiresAt() + " has passed"));
        }
        if (!w.author().equals(approver)) {
            return Verdict.ALLOWED;
        }
        if (w.severity().atLeast(Severity.Severe)) {
            return new Verdict(403, "two-person rule: a " + w.severity() + " warning must be approved by another officer or an admin",
                    List.of("approver: " + approver + " wrote this draft"));
        }
        if (!authorMaySend) {
            return new Verdict(403, "the author cannot approve their own warning",
                    List.of("approver: " + approver + " wrote this draft (notifier.warningAuthorMaySend is false)"));
        }
        return Verdict.ALLOWED;
    }
}
