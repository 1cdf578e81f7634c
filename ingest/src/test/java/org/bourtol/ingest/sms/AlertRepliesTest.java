package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.directory.AlertCodes;
import org.bourtol.ingest.place.ZonesFixture;
import org.junit.jupiter.api.Test;

class AlertRepliesTest {

    private static final Instant NOW = Instant.parse("2026-08-10T09:00:00Z");
    private static final SmsParser PARSER = new SmsParser(ZonesFixture.gazetteer());

    static Alert alert(String id, String code, AlertState state, Instant raised, Instant resolved) {
        return Alert.builder().id(id, code).rule("r", "gauge-level").hazard(Hazard.FLOOD).zone("mopti", "Mopti", null).state(state)
                .severity(Severity.Severe).level("warning").raisedAt(raised).updatedAt(raised).resolvedAt(resolved).build();
    }

    static <T> T decode(Class<T> type, AlertReplies.Result r, int i) {
        try {
            return org.bourtol.contracts.topic.Json.MAPPER.readValue(r.records().get(i).value(), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final AlertCodes codes = new AlertCodes();

    @Test
    void keywordsAreExactFirstWordsAndSetTheLanguage() {
        SmsCommand.Action a = assertInstanceOf(SmsCommand.Action.class, PARSER.parse("FAIT k7q: mediation tenue avec les deux parties", Language.EN));
        assertEquals(Language.FR, a.language());
        assertEquals("K7Q", a.code());
        assertEquals("mediation tenue avec les deux parties", a.text());
        SmsCommand.FalseAlarm f = assertInstanceOf(SmsCommand.FalseAlarm.class, PARSER.parse("false K7Q", Language.FR));
        assertEquals(Language.EN, f.language());
        assertNull(f.text());
        assertInstanceOf(SmsCommand.Action.class, PARSER.parse("Bonjour, fait 4KX7 digue renforcee", Language.FR));
        SmsCommand.Action none = assertInstanceOf(SmsCommand.Action.class, PARSER.parse("DONE", Language.FR));
        assertNull(none.code());
        assertFalse(PARSER.parse("feu a Konna", Language.FR) instanceof SmsCommand.FalseAlarm, "a fire is not FAUX");
        assertFalse(PARSER.parse("il fait chaud a Konna", Language.FR) instanceof SmsCommand.Action, "only as the first word");
    }

    @Test
    void anActionOnAKnownCodeIsRecordedMaskedAndAudited() {
        codes.apply("a1", new AlertEvent("a1/RAISED/1", "a1", AlertEventType.RAISED, 1, NOW, alert("a1", "K7Q", AlertState.ACTIVE, NOW, null), null));
        SmsCommand c = PARSER.parse("FAIT K7Q appele le maire au +22376001234, " + "x".repeat(600), Language.FR);
        AlertReplies.Result r = AlertReplies.handle(c, "R12", "SM1", "pseudo-1", "body", codes::byCode, NOW);
        assertEquals(2, r.records().size());
        assertEquals(Topics.OUTCOMES.name(), r.records().get(0).topic());
        AlertResponse ar = decode(AlertResponse.class, r, 0);
        assertEquals("a1", ar.alertId());
        assertEquals(AlertResponse.Kind.ACTION, ar.kind());
        assertEquals("sms-SM1", ar.id());
        assertEquals("pseudo-1", ar.by());
        assertEquals(Source.SMS, ar.source());
        assertFalse(ar.verified(), "counts only once the notifier found the sender in the alert's delivery ledger");
        assertFalse(ar.counts());
        assertFalse(ar.text().contains("76001234"), ar.text());
        assertEquals(AlertResponse.TEXT_MAX, ar.text().length());
        AuditEntry audit = decode(AuditEntry.class, r, 1);
        assertEquals(Topics.AUDIT.name(), r.records().get(1).topic());
        assertEquals("action", audit.action());
        assertEquals("Recu R12: action pour l'alerte K7Q recue. Comptee si cette alerte vous a ete envoyee. Merci.", r.reply());
        assertTrue(Gsm7.fitsOneSegment(r.reply()));
    }

    @Test
    void falseAlarmAfterResolutionNamesTheLatestRaisedAlertWithThatCode() {
        Instant old = NOW.minusSeconds(90L * 86400);
        codes.apply("old", new AlertEvent("old/RAISED/1", "old", AlertEventType.RAISED, 2, old,
                alert("old", "K7Q", AlertState.RESOLVED, old, old.plusSeconds(3600)), null));
        codes.apply("a2", new AlertEvent("a2/RESOLVED/2", "a2", AlertEventType.RESOLVED, 2, NOW,
                alert("a2", "K7Q", AlertState.RESOLVED, NOW.minusSeconds(7200), NOW.minusSeconds(600)), null));
        AlertReplies.Result r = AlertReplies.handle(PARSER.parse("FALSE k7q", Language.FR), "R1", "SM2", "p", "FALSE k7q",
                codes::byCode, NOW);
        AlertResponse ar = decode(AlertResponse.class, r, 0);
        assertEquals("a2", ar.alertId());
        assertEquals(Verdict.FALSE_ALARM, ar.verdict());
        assertFalse(ar.verified());
        assertEquals("Received R1: false alarm view on K7Q noted. It counts if that alert was sent to you. Thank you.", r.reply());
        assertTrue(Gsm7.fitsOneSegment(r.reply()));
    }

    @Test
    void unknownCodesGetTheSameReplyAsKnownOnesMissingPartsAHintAllKeptAsRejected() {
        AlertReplies.Result unknown = AlertReplies.handle(PARSER.parse("FAIT ZZ9 digue", Language.FR), "R1", "SM3", "p",
                "FAIT ZZ9 digue +22376001234", codes::byCode, NOW);
        Rejected rej = decode(Rejected.class, unknown, 0);
        assertEquals("alert-reply-unknown-code", rej.code());
        assertFalse(rej.payload().contains("76001234"));
        assertEquals("Recu R1: action pour l'alerte ZZ9 recue. Comptee si cette alerte vous a ete envoyee. Merci.", unknown.reply(),
                "a stranger probing codes learns nothing: the reply of a known code");
        assertTrue(Gsm7.fitsOneSegment(unknown.reply()));
        AlertReplies.Result missing = AlertReplies.handle(PARSER.parse("DONE", Language.FR), "R1", "SM4", "p", "DONE",
                codes::byCode, NOW);
        assertTrue(missing.reply().startsWith("Alert code missing."), missing.reply());
        codes.apply("a3", new AlertEvent("a3/RAISED/1", "a3", AlertEventType.RAISED, 1, NOW, alert("a3", "4KX7", AlertState.ACTIVE, NOW, null), null));
        AlertReplies.Result empty = AlertReplies.handle(PARSER.parse("FAIT 4KX7", Language.FR), "R1", "SM5", "p", "FAIT 4KX7",
                codes::byCode, NOW);
        assertEquals("alert-reply-missing-action", decode(Rejected.class, empty, 0).code());
        assertEquals("Action manquante. Ex: FAIT 4KX7 mediation tenue", empty.reply());
    }
}
