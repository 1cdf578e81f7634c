package org.bourtol.notifier.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalRuleTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    static Warning draft(Severity severity, Warning.State state, Instant expiresAt) {
        return new Warning("w1", state, 1, Hazard.CONFLICT, severity, Urgency.Immediate, Certainty.Likely, List.of("konna"), "Konna",
                null, null, Map.of("fr", "a", "en", "b"), Map.of(), expiresAt, false, "dgpc", "officer-a", null, null, T0, T0);
    }

    @ParameterizedTest(name = "{0} draft approved by {1}, author may send {2}: {3}")
    @CsvSource({
        // severity, approver, authorMaySend, status
        "Extreme,  officer-a, true,  403",
        "Extreme,  officer-a, false, 403",
        "Severe,   officer-a, true,  403",
        "Extreme,  officer-b, false, 200",
        "Severe,   admin,     false, 200",
        "Moderate, officer-a, false, 403",
        "Moderate, officer-a, true,  200",
        "Minor,    officer-a, true,  200",
        "Minor,    officer-a, false, 403",
        "Minor,    officer-b, false, 200",
    })
    void twoPersonRule(Severity severity, String approver, boolean authorMaySend, int status) {
        assertEquals(status, ApprovalRule.check(draft(severity, Warning.State.DRAFT, T0.plus(Duration.ofHours(6))), approver,
                authorMaySend, T0).status());
    }

    @ParameterizedTest(name = "a {0} warning cannot be approved")
    @CsvSource({"APPROVED", "CANCELLED"})
    void onlyADraftIsApproved(Warning.State state) {
        ApprovalRule.Verdict v = ApprovalRule.check(draft(Severity.Extreme, state, T0.plus(Duration.ofHours(6))), "officer-b", false, T0);
        assertEquals(409, v.status());
    }

    @ParameterizedTest(name = "expiring {0} s after now: {1}")
    @CsvSource({"0, 409", "-60, 409", "1, 200"})
    void anExpiredDraftIsNotSent(long seconds, int status) {
        assertEquals(status, ApprovalRule.check(draft(Severity.Extreme, Warning.State.DRAFT, T0.plusSeconds(seconds)), "officer-b", false,
                T0).status());
    }
}
