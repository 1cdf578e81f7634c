package org.bourtol.contracts.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Json;
import org.junit.jupiter.api.Test;

/** The fields added for officer-issued warnings round-trip through JSON, and older documents without them still read. */
class IssuedJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void issuedAlertRoundTripsAndARulesAlertHasNone() throws Exception {
        Issued issued = new Issued("officer-a", "officer-b", "dgpc@example.ml", true, List.of("konna", "djenne"), 3, T0, false, null);
        Alert a = Alert.builder().id("w1", "K7Q").rule(Alert.ISSUED_RULE, Alert.ISSUED_RULE).hazard(Hazard.CONFLICT)
                .zone("konna", "Konna", null).state(AlertState.ACTIVE).severity(Severity.Extreme).urgency(Urgency.Immediate)
                .certainty(Certainty.Likely).level("officer").headline(Map.of("fr", "x")).raisedAt(T0).updatedAt(T0).issued(issued)
                .build();
        Alert back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(a), Alert.class);
        assertEquals(a, back);
        assertEquals(List.of("konna", "djenne"), back.zones());
        assertTrue(back.test());
        Alert ruleAlert = Json.MAPPER.readValue("{\"id\":\"a\",\"code\":\"C\",\"hazard\":\"flood\",\"severity\":\"Minor\",\"zone\":\"niamey\"}",
                Alert.class);
        assertNull(ruleAlert.issued());
        assertEquals(List.of("niamey"), ruleAlert.zones());
        assertFalse(ruleAlert.test());
    }

    @Test
    void recipientTesterFlagDefaultsToFalse() throws Exception {
        Recipient r = Json.MAPPER.readValue("{\"id\":\"x\",\"phone\":\"+22376000001\",\"zones\":[\"konna\"],\"tester\":true}", Recipient.class);
        assertTrue(r.tester());
        assertFalse(Json.MAPPER.readValue("{\"id\":\"x\",\"phone\":\"+22376000001\",\"zones\":[\"konna\"]}", Recipient.class).tester());
    }

    @Test
    void warningRoundTripsWithItsStateInLowerCase() throws Exception {
        Warning w = new Warning("w1", Warning.State.DRAFT, 1, Hazard.CONFLICT, Severity.Extreme, Urgency.Immediate, Certainty.Likely,
                List.of("konna"), "Konna", null, null, Map.of("fr", "a", "en", "b"), Map.of(), T0, false, "office", "officer-a",
                null, null, T0, T0);
        String json = Json.MAPPER.writeValueAsString(w);
        assertTrue(json.contains("\"state\":\"draft\""), json);
        assertEquals(w, Json.MAPPER.readValue(json, Warning.class));
    }
}
