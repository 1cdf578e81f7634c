package org.bourtol.contracts.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.api.Test;

class TriageMessageTest {

    private static final Instant AT = Instant.parse("2026-08-14T07:30:00Z");

    @Test
    void roundTripsThroughTheTopicSerde() {
        TriageMessage m = new TriageMessage("sms-SM1", Source.SMS, AT, "r-abc", false, "il y a du bruit a Konna", "fr",
                "konna", "Konna", null, List.of("konna"), "no report recognised");
        byte[] json = Topics.TRIAGE.valueSerde().serializer().serialize(Topics.TRIAGE.name(), m);
        assertEquals(m, Topics.TRIAGE.valueSerde().deserializer().deserialize(Topics.TRIAGE.name(), json));
        assertFalse(new String(json).contains("\"type\""), "null guesses are left out");
        assertTrue(Topics.KEPT_FOREVER.contains(Topics.TRIAGE));
        assertTrue(Topics.ALL.contains(Topics.TRIAGE));
    }

    @Test
    void masksPhoneNumbersAndCutsLongText() {
        TriageMessage m = new TriageMessage("sms-SM2", Source.SMS, AT, "r-abc", true, "appelez +22376123456 " + "x".repeat(600), "fr",
                null, null, ReportType.CLASH, null, "no place");
        assertFalse(m.text().contains("76123456"), m.text());
        assertEquals(TriageMessage.TEXT_MAX, m.text().length());
        assertEquals(List.of(), m.matchedWords());
    }

    @Test
    void refusesAMessageWithoutIdOrReason() {
        assertThrows(IllegalArgumentException.class, () -> new TriageMessage(" ", Source.SMS, AT, "r", false, "t", "fr", null, null,
                null, List.of(), "why"));
        assertThrows(IllegalArgumentException.class, () -> new TriageMessage("sms-1", Source.SMS, AT, "r", false, "t", "fr", null, null,
                null, List.of(), null));
    }
}
