package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A throttling Twilio does not stall everyone: while the local Twilio-compatible server answers 429
 * to six recipients (more than the notifier's worker threads) and the notifier retries them with
 * seconds of backoff, an Extreme alert to another recipient still goes out at once; when the
 * throttling stops, the six get their SMS.
 */
class SlowTwilioIT {

    @RegisterExtension
    static final Harness h = Harness.notifier("it-slow", Harness.options(new RetryPolicy(Duration.ofSeconds(3), Duration.ofSeconds(10), 40)));

    @Test
    void throttledRecipientsDoNotStallAnExtremeAlertToAnother() throws Exception {
        h.put(zone("it10-commune", ZoneKind.COMMUNE, "Commune IT10", null));
        h.put(zone("it10-other", ZoneKind.COMMUNE, "Konna", null));
        List<String> throttled = new ArrayList<>();
        for (int i = 1; i <= NotifierComponent.WORKERS + 2; i++) {
            String phone = "+2237000100" + i;
            throttled.add(phone);
            h.twilio.failTo(phone, LocalTwilioServer.Fault.tooManyRequests());
            h.put(recipient("it10-r" + i, phone, "it10-commune"));
        }
        String other = "+22370001099";
        h.put(recipient("it10-x", "peace-committee", other, "fr", List.of("it10-other"), null, null, null));
        var flood = alert("it10-flood", "F1A", Hazard.FLOOD, "it10-commune", Severity.Severe, AlertState.ACTIVE, false);
        h.raise(flood);
        Poll.until(Duration.ofSeconds(60), "every throttled recipient's first attempt refused with 429",
                () -> throttled.stream().allMatch(p -> h.posts(p) >= 1));

        h.raise(alert("it10-clash", "X1A", Hazard.CONFLICT, "it10-other", "Konna", Severity.Extreme,
                "Affrontement signale a Konna", "Clash reported at Konna"));
        Poll.until(Duration.ofSeconds(20), "the Extreme alert to the other recipient, while the six are still being retried",
                () -> h.twilio.messagesTo(other).size() == 1);
        assertTrue(h.twilio.messagesTo(other).get(0).body().contains("OK X1A"), h.twilio.messagesTo(other).toString());
        assertTrue(throttled.stream().allMatch(p -> h.twilio.messagesTo(p).isEmpty()), "the six are still throttled");

        h.twilio.clearFaults();
        Poll.until(Duration.ofSeconds(60), "once Twilio stops throttling, every one of the six gets the flood alert",
                () -> throttled.stream().allMatch(p -> h.twilio.messagesTo(p).size() == 1));
        for (String p : throttled) {
            assertEquals(1, h.twilio.messagesTo(p).size(), p);
            // the local server lists a message a moment before it logs the request that created it
            Poll.until(Duration.ofSeconds(10), "retried after the 429: " + p, () -> h.posts(p) >= 2);
        }
    }

    /**
     * A warning waits in the send queue (every worker held by a slow Twilio, so its intent is not written yet) while its
     * alert resolves: the warning goes out a moment later, and its all-clear must follow. Before the fix the engine
     * settled the alert (nothing due, nothing in the ledger) and the all-clear never came.
     */
    @Test
    void aWarningQueuedWhileItsAlertResolvesIsFollowedByItsAllClear() throws Exception {
        h.put(zone("it12-block", ZoneKind.COMMUNE, "Commune IT12", null));
        h.put(zone("it12-late", ZoneKind.COMMUNE, "Diafarabe", null));
        List<String> blockers = new ArrayList<>();
        for (int i = 1; i <= NotifierComponent.WORKERS; i++) {
            String phone = "+2237000120" + i;
            blockers.add(phone);
            h.twilio.failTo(phone, LocalTwilioServer.Fault.slow(Duration.ofSeconds(6)));
            h.put(recipient("it12-b" + i, phone, "it12-block"));
        }
        var block = alert("it12-block", "B2K", Hazard.FLOOD, "it12-block", Severity.Severe, AlertState.ACTIVE, false);
        h.raise(block);
        Poll.until(Duration.ofSeconds(60), "every worker held by a slow Twilio call (its intent written, no answer yet)",
                () -> h.deliveries(d -> d.deliveryId().startsWith("it12-block/")).size() >= blockers.size());

        String late = "+22370001299";
        h.put(recipient("it12-r", late, "it12-late"));
        h.raise(alert("it12-late", "L8T", Hazard.FLOOD, "it12-late", Severity.Severe, AlertState.ACTIVE, false));
        Poll.until(Duration.ofSeconds(20), "the warning queued behind the slow calls",
                () -> h.metrics.find("bourtol.sms.queued").gauge().value() >= 1);
        var resolved = alert("it12-late", "L8T", Hazard.FLOOD, "it12-late", Severity.Severe, AlertState.RESOLVED, false);
        h.resolve(resolved);

        Poll.until(Duration.ofSeconds(60), "the all-clear after the warning that went out once the workers were free",
                () -> h.twilio.messagesTo(late).size() >= 2);
        List<LocalTwilioServer.Message> sent = h.twilio.messagesTo(late);
        assertTrue(sent.get(0).body().contains("OK L8T"), "first the warning: " + sent);
        assertTrue(sent.get(1).body().startsWith("FIN D'ALERTE") && sent.get(1).body().contains("(L8T)"), "then its all-clear: " + sent);
        assertEquals(2, sent.size(), "nothing else: " + sent);
    }
}
