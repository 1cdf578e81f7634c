package org.bourtol.contracts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.bourtol.contracts.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one parse and format of delivery steps: every spelling on the topic reads to its type and writes back unchanged. */
class DeliveryStepTest {

    @Test
    void eachSpellingReadsToItsType() {
        assertEquals(new DeliveryStep.Notice(Severity.Severe), DeliveryStep.parse("alert-Severe"));
        assertEquals(new DeliveryStep.Repeat(2), DeliveryStep.parse("repeat-2"));
        assertEquals(new DeliveryStep.Escalation(1), DeliveryStep.parse("escalation-1"));
        assertEquals(new DeliveryStep.Issued(3), DeliveryStep.parse("issued-3"));
        assertEquals(new DeliveryStep.Update(4), DeliveryStep.parse("update-4"));
        assertEquals(DeliveryStep.RESOLVED, DeliveryStep.parse("resolved"));
        assertEquals(DeliveryStep.CANCELLED, DeliveryStep.parse("cancelled"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alert-Minor", "alert-Extreme", "repeat-12", "escalation-3", "issued-1", "update-27", "resolved", "cancelled",
        "alert-severe", "alert-", "repeat-x", "repeat-07", "repeat--1", "escalation-", "warning-2", "", "0", "s", "Resolved"})
    void everySpellingWritesBackUnchanged(String wire) {
        assertEquals(wire, DeliveryStep.parse(wire).wire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alert-severe", "alert-", "repeat-x", "repeat-07", "repeat-9999999999", "escalation-", "warning-2", "", "s"})
    void anUnreadableSpellingIsKeptAsUnknown(String wire) {
        assertInstanceOf(DeliveryStep.Unknown.class, DeliveryStep.parse(wire));
    }

    @Test
    void aGroupedDeliveryJoinsOneStepPerAlert() {
        List<DeliveryStep> steps = List.of(new DeliveryStep.Notice(Severity.Moderate), new DeliveryStep.Repeat(1), DeliveryStep.RESOLVED);
        assertEquals("alert-Moderate,repeat-1,resolved", DeliveryStep.join(steps));
        assertEquals(steps, DeliveryStep.split("alert-Moderate,repeat-1,resolved"));
        assertEquals(List.of(new DeliveryStep.Unknown("")), DeliveryStep.split(null), "the cap notice has no step");
        assertEquals(List.of(new DeliveryStep.Unknown(""), new DeliveryStep.Unknown("")), DeliveryStep.split(","));
    }
}
