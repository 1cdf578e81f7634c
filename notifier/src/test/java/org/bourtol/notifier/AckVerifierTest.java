package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.intent;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** Who may acknowledge by SMS: only a recipient the delivery ledger shows was sent that alert. */
class AckVerifierTest {

    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("unit-test-pseudonym-key");

    @Test
    void onlyARecipientTheLedgerShowsWasSentTheAlertMayAcknowledge() {
        Recipient committee = recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), null, null, null);
        Recipient otherZone = recipient("other", null, "+22376000002", "fr", List.of("mopti"), null, null, null);
        Recipient waiting = recipient("waiting", null, "+22376000003", "fr", List.of("konna"), null, null, null);
        Map<String, Recipient> directory = Map.of(committee.id(), committee, otherZone.id(), otherZone, waiting.id(), waiting);
        AlertStates alerts = new AlertStates();
        Alert a1 = Fixtures.alert("a1", "K7Q", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.ACTIVE, false);
        Alert a2 = Fixtures.alert("a2", "M2B", Hazard.FLOOD, "mopti", Severity.Severe, AlertState.ACTIVE, false);
        alerts.apply(Fixtures.event(a1, AlertEventType.RAISED, 1));
        alerts.apply(Fixtures.event(a2, AlertEventType.RAISED, 1));
        Ledger ledger = new Ledger();
        ledger.apply(sent("a1", committee, "SM-1"));
        ledger.apply(sent("a2", otherZone, "SM-2"));
        ledger.apply(sent("a1", waiting, null));

        assertEquals(AckVerifier.Kind.VERIFIED, judge(ok("k7q", "+22376000001"), alerts, ledger, directory).kind(),
                "the recipient the alert was sent to");
        assertEquals("a1", judge(ok("k7q", "+22376000001"), alerts, ledger, directory).alert().alertId());
        assertEquals(AckVerifier.Kind.UNVERIFIED, judge(ok("K7Q", "+22790000009"), alerts, ledger, directory).kind(),
                "a stranger who knows or guessed the code");
        assertEquals(AckVerifier.Kind.UNVERIFIED, judge(ok("K7Q", "+22376000002"), alerts, ledger, directory).kind(),
                "a recipient of another alert");
        assertEquals(AckVerifier.Kind.VERIFIED, judge(ok("M2B", "+22376000002"), alerts, ledger, directory).kind());
        assertEquals(AckVerifier.Kind.PENDING, judge(ok("K7Q", "+22376000003"), alerts, ledger, directory).kind(),
                "the send is only an intent so far: wait for the provider's answer");
        assertEquals(AckVerifier.Kind.PENDING, judge(ok("ZZZ", "+22376000001"), alerts, ledger, directory).kind(),
                "no active alert with that code (yet)");
        assertEquals(AckVerifier.Kind.UNVERIFIED, judge(new AckRequest("sms-x", "K7Q", null, null, Source.SMS, T0), alerts, ledger, directory).kind(),
                "no sender at all");
    }

    @Test
    void anSmsAcknowledgementStopsTheAlertOnlyOnceVerifiedWhileTheApiAlwaysDoes() {
        AckRequest sms = ok("K7Q", "+22790000009");
        assertFalse(sms.stopsTheAlert());
        assertTrue(sms.verifiedFor("a1").stopsTheAlert());
        assertEquals("a1", sms.verifiedFor("a1").alertId());
        assertTrue(new AckRequest("api-1", null, "a1", "officer", Source.HTTP, T0).stopsTheAlert());
    }

    @Test
    void anSmsActionOrFalseAlarmCountsOnlyFromARecipientTheAlertWasSentToEvenAfterResolution() {
        Recipient committee = recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), null, null, null);
        Map<String, Recipient> directory = Map.of(committee.id(), committee);
        AlertStates alerts = new AlertStates();
        Alert resolved = Fixtures.alert("a1", "K7Q", Hazard.CONFLICT, "konna", Severity.Extreme, AlertState.RESOLVED, false);
        alerts.apply(Fixtures.event(resolved, AlertEventType.RESOLVED, 3));
        Ledger ledger = new Ledger();
        ledger.apply(sent("a1", committee, "SM-1"));
        AlertResponse mine = response("+22376000001");
        AlertResponse stranger = response("+22790000009");
        assertFalse(mine.counts() || stranger.counts(), "stored unverified by ingest: counts nowhere yet");
        AckVerifier.Verdict v = AckVerifier.judge(mine.alertId(), mine.code(), mine.by(), alerts, ledger,
                id -> Optional.ofNullable(directory.get(id)), PSEUDONYMS);
        assertEquals(AckVerifier.Kind.VERIFIED, v.kind(), "a resolved alert is judged by id: FAIT usually comes after the end");
        assertTrue(mine.verifiedCopy().counts());
        assertEquals(mine.id(), mine.verifiedCopy().id(), "stored again under the same id");
        assertEquals(AckVerifier.Kind.UNVERIFIED, AckVerifier.judge(stranger.alertId(), stranger.code(), stranger.by(), alerts, ledger,
                id -> Optional.ofNullable(directory.get(id)), PSEUDONYMS).kind(), "a stranger who knows or guessed the code");
        assertTrue(new AlertResponse("api-1", "a1", "K7Q", AlertResponse.Kind.ACTION, "x", null, null, null, "officer", Source.HTTP,
                true, T0).counts(), "an officer's response through the API counts");
    }

    private static AlertResponse response(String phone) {
        return new AlertResponse("sms-" + phone, "a1", "K7Q", AlertResponse.Kind.OUTCOME, null, Verdict.FALSE_ALARM, null, null,
                PSEUDONYMS.of(phone), Source.SMS, false, T0.plusSeconds(3600));
    }

    private static AckVerifier.Verdict judge(AckRequest a, AlertStates alerts, Ledger ledger, Map<String, Recipient> directory) {
        return AckVerifier.judge(a, alerts, ledger, id -> Optional.ofNullable(directory.get(id)), PSEUDONYMS);
    }

    private static AckRequest ok(String code, String phone) {
        return new AckRequest("sms-" + phone + code, code, null, PSEUDONYMS.of(phone), Source.SMS, T0.plusSeconds(60));
    }

    private static Delivery sent(String alertId, Recipient r, String sid) {
        Delivery intent = intent(alertId + "/alert-Extreme/" + r.id(), List.of(alertId), "alert-Extreme", r.id(), T0);
        return sid == null ? intent : intent.outcome(DeliveryStatus.SENT, T0, sid, null, null, 1);
    }
}
