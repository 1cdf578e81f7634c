package org.bourtol.contracts.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.api.Test;

class AckRequestTest {

    private static final Instant T = Instant.parse("2026-08-01T10:00:00Z");

    private static AckRequest read(String json) {
        return Topics.ACKS.valueSerde().deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordWrittenBeforeResolveExistedReadsAsAnAcknowledgement() {
        AckRequest old = read("{\"id\":\"a1\",\"code\":\"K7Q\",\"by\":\"r-1\",\"source\":\"SMS\",\"at\":\"2026-08-01T10:00:00Z\",\"verified\":false}");
        assertEquals(AckRequest.Action.ACK, old.action());
        assertFalse(old.resolves());
    }

    @Test
    void aResolveRequestTravelsWithItsReason() {
        AckRequest r = AckRequest.resolve("q1", "alert-1", "agent-diallo", T, "water went down");
        byte[] wire = Topics.ACKS.valueSerde().serializer().serialize("t", r);
        AckRequest back = read(new String(wire, StandardCharsets.UTF_8));
        assertEquals(r, back);
        assertTrue(back.resolves());
        assertTrue(back.stopsTheAlert());
        assertTrue(back.verifiedFor("alert-1").resolves(), "verifying keeps the action");
    }

    @Test
    void aResolveNeedsAReasonAnAlertIdAndTheApi() {
        assertThrows(IllegalArgumentException.class, () -> AckRequest.resolve("q1", "alert-1", "a", T, " "));
        assertThrows(IllegalArgumentException.class, () -> AckRequest.resolve("q1", "alert-1", "a", T, "x".repeat(AckRequest.MAX_REASON + 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new AckRequest("q1", "K7Q", null, "a", Source.HTTP, T, false, AckRequest.Action.RESOLVE, "why"));
        assertThrows(IllegalArgumentException.class,
                () -> new AckRequest("q1", null, "alert-1", "a", Source.SMS, T, true, AckRequest.Action.RESOLVE, "why"));
    }
}
